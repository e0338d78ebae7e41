#!/usr/bin/env python3
"""Checks of the labelling rules of real_music.py (python3 -m unittest tools/datasets/test_real_music.py)."""
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import real_music  # noqa: E402

COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

Files: *
Copyright: 2010 Some Games Team
License: GPL-2+

Files: data/music/a.ogg data/music/b_*.ogg
Copyright: 2016, 2022 Jane Composer <jane@example.org>
License: CC-BY-SA-3.0

Files: data/music/b_fast.ogg
Copyright: Jane Composer and Joe Other
License: CC-BY-SA-3.0

Files:
 data/music/c.ogg
Copyright: Claude Werner (bollen)
License: CC-BY-SA-3.0
"""


class LabelTests(unittest.TestCase):
    def setUp(self):
        self.cache = Path(tempfile.mkdtemp())
        doc = self.cache / "root" / "supertuxkart-data" / "usr" / "share" / "doc" / "supertuxkart-data"
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(COPYRIGHT)
        self.stanzas = real_music.dep5_stanzas(self.cache, "supertuxkart-data")

    def label(self, rel, tags=None, aliases=None):
        return real_music.label("supertuxkart-data", rel, {"tags": tags or {}}, self.stanzas, aliases or {}, {"unknown"})

    def test_stanza_naming_the_file_labels_it_without_years_or_address(self):
        composer, evidence = self.label("usr/share/games/supertuxkart/data/music/a.ogg")
        self.assertEqual("Jane Composer", composer)
        self.assertEqual("copyright", evidence["kind"])
        self.assertIn("data/music/a.ogg", evidence["files"])

    def test_last_matching_stanza_wins_and_a_joint_credit_labels_nothing(self):
        composer, evidence = self.label("usr/share/games/supertuxkart/data/music/b_fast.ogg")
        self.assertIsNone(composer)
        self.assertEqual("unlabelled", evidence["kind"])
        self.assertEqual("Jane Composer", self.label("usr/share/games/supertuxkart/data/music/b_slow.ogg")[0])

    def test_package_wide_stanza_never_labels(self):
        composer, evidence = self.label("usr/share/games/supertuxkart/data/music/other.ogg")
        self.assertIsNone(composer)
        self.assertIn("package-wide", evidence["reason"])

    def test_continuation_lines_and_aliases(self):
        composer, _ = self.label("usr/share/games/supertuxkart/data/music/c.ogg", aliases={"Claude Werner (bollen)": "Claude Werner"})
        self.assertEqual("Claude Werner", composer)

    def test_a_composer_tag_comes_before_the_copyright_file_and_ignored_values_do_not(self):
        self.assertEqual("Tagged One", self.label("usr/share/games/supertuxkart/data/music/a.ogg", {"composer": "Tagged One"})[0])
        self.assertEqual("Jane Composer", self.label("usr/share/games/supertuxkart/data/music/a.ogg", {"artist": "Unknown"})[0])


class StreamTagTests(unittest.TestCase):
    def test_ogg_vorbis_comments_on_the_stream_are_read_after_the_container_tags(self):
        # ffprobe's JSON for an Ogg file: the Vorbis comments sit on the audio stream, not on the container.
        data = {"format": {"tags": {"encoder": "x"}},
                "streams": [{"codec_type": "audio", "tags": {"ARTIST": "Omri Lahav", "TITLE": "Red Dawn"}}]}
        self.assertEqual("Omri Lahav", real_music.merged_tags(data)["artist"])
        data["format"]["tags"]["artist"] = "Container Artist"
        self.assertEqual("Container Artist", real_music.merged_tags(data)["artist"])

    def test_a_joint_credit_in_a_tag_labels_nothing(self):
        composer, evidence = real_music.label("supertuxkart-data", "data/music/farm.ogg",
                                              {"tags": {"artist": "Chris Leutwyler & Max Freeman"}}, [], {}, set())
        self.assertIsNone(composer)
        self.assertEqual("artist", evidence["tag"])
        self.assertIn("not one composer", evidence["reason"])


DESCRIPTOR = """<?xml version="1.0"?>
<music title    = "Battle Theme 1"
       composer = "Alexandr Zhelanov <https://soundcloud.com/alexandr-zhelanov>"
       file     = "Battle_Theme_1.ogg"/>
"""


class MusicDescriptorTests(unittest.TestCase):
    def setUp(self):
        self.cache = Path(tempfile.mkdtemp())
        music = self.cache / "root" / "supertuxkart-data" / "data" / "music"
        music.mkdir(parents=True)
        (music / "battle.music").write_text(DESCRIPTOR)
        (music / "cocoa.music").write_text('<music title="Cocoa River" composer="Ozoneone" file="cocoa_river.ogg" fast-filename="cocoa_river_fast.ogg"/>')
        (music / "farm.music").write_text('<music title="Farm" composer="Krobonil &amp; OzoneOne" file="farm.ogg"/>')
        self.descriptors = real_music.music_descriptors(self.cache, "supertuxkart-data")

    def label(self, rel, tags=None, aliases=None):
        return real_music.label("supertuxkart-data", rel, {"tags": tags or {}}, [], aliases or {}, set(), self.descriptors)

    def test_the_descriptor_beside_the_file_names_its_composer_even_with_a_bare_angle_bracket(self):
        composer, evidence = self.label("data/music/Battle_Theme_1.ogg")
        self.assertEqual("Alexandr Zhelanov", composer)
        self.assertEqual("music-descriptor", evidence["kind"])
        self.assertEqual("supertuxkart-data:/data/music/battle.music", evidence["file"])
        self.assertEqual("Battle Theme 1", evidence["title"])

    def test_a_tag_comes_before_the_descriptor_and_aliases_merge_spellings(self):
        self.assertEqual("0zone0ne", self.label("data/music/cocoa_river.ogg", aliases={"Ozoneone": "0zone0ne"})[0])
        self.assertEqual("Max Freeman", self.label("data/music/cocoa_river.ogg", {"artist": "Max Freeman"})[0])

    def test_a_fast_variant_and_a_joint_descriptor_label_nothing(self):
        composer, evidence = self.label("data/music/cocoa_river_fast.ogg", {"artist": "Max Freeman"})
        self.assertIsNone(composer)
        self.assertIn("sped-up copy of cocoa_river.ogg", evidence["reason"])
        composer, evidence = self.label("data/music/farm.ogg")
        self.assertIsNone(composer)
        self.assertIn("not one composer", evidence["reason"])


class ModuleCommentTests(unittest.TestCase):
    def label(self, rel, comment):
        return real_music.label("pingus-data", rel, {"tags": {"comment": comment}}, [], {"joseph toscano": "Joseph Toscano"}, set())

    def test_a_credit_line_of_a_module_comment_names_its_author(self):
        composer, evidence = self.label("music/pingus-5.it", "written and tracked by\njoseph toscano\nscarjt@example.net\n\n(c)2000 Joseph Toscano\n")
        self.assertEqual("Joseph Toscano", composer)
        self.assertEqual("module-comment", evidence["kind"])
        self.assertEqual("joseph toscano", evidence["credit"])
        self.assertEqual("Yuri R. Sucupira", self.label("music/goin.it", '"Goin\' march"\nby\nYuri R. Sucupira\nmail@example.com')[0])
        self.assertEqual("reg", self.label("musics/area1.mod", "music from reg\nregis parret\n")[0])

    def test_a_converter_credit_or_a_joint_credit_labels_nothing(self):
        composer, evidence = self.label("musics/area2.mod", "\n_*  Converted with  *\n_**   Pro-Wizard   **\n_***  by Gryzor!  ***\n")
        self.assertIsNone(composer)
        self.assertIn("package-wide", evidence["reason"])
        composer, evidence = self.label("musics/lapin.mod", "MUSIC BY REG & ZBB 01\nMUSIC BY REG & ZBB 02")
        self.assertIsNone(composer)
        self.assertIn("not one composer", evidence["reason"])

    def test_a_copyright_line_of_a_module_comment_names_its_author_after_the_year_or_below_it(self):
        comment = 'Strings\nFlute\n\n"Goose in Israel"\nCopyright 1999\nH. Matthew Smith\nmatthew@example.com\ncommentary:\n'
        composer, evidence = self.label("music/gd-giirm.s3m", comment)
        self.assertEqual("H. Matthew Smith", composer)
        self.assertEqual("module-comment", evidence["kind"])
        self.assertEqual("Someone Else", self.label("music/x.it", "Copyright (c) 2001-2003 Someone Else\n")[0])
        # "(c)2000 NAME" below a credit line: the credit line counts, as before.
        self.assertEqual("Joseph Toscano", self.label("music/pingus-2.it", "written and tracked by\njoseph toscano\n(c)2000 Joseph Toscano")[0])
        # A copyright line for a group is a joint credit and labels nothing.
        self.assertIsNone(self.label("music/y.it", "Copyright 1998 Foo & Bar")[0])

    def test_a_comment_of_an_ogg_file_is_not_read_as_a_module_credit(self):
        self.assertIsNone(self.label("music/song.ogg", "by\nSomeone")[0])


class ArchiveTests(unittest.TestCase):
    def test_music_inside_a_zip_is_extracted_beside_it_and_nothing_else(self):
        import zipfile
        folder = Path(tempfile.mkdtemp())
        archive = folder / "public.zip"
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("audio/music/Red_Dawn.ogg", b"ogg")
            z.writestr("art/texture.png", b"png")
        real_music.unpack_archived_music(archive, "audio/music/")
        self.assertEqual(b"ogg", (folder / "public.zip.d" / "audio" / "music" / "Red_Dawn.ogg").read_bytes())
        self.assertFalse((folder / "public.zip.d" / "art").exists())


class SplitTests(unittest.TestCase):
    def test_same_game_groups_first_then_the_rest_trains(self):
        packages = {"a": ["g1"], "b": ["g1"], "c": ["g1"], "d": ["g2"], "e": ["g3"], "f": ["g4"]}
        groups, train = real_music.split(sorted(packages), packages, test_count=4, max_group=2, seed=1)
        self.assertEqual(2, len(groups))
        self.assertEqual("g1", groups[0]["game"])
        tested = [c for g in groups for c in g["composers"]]
        self.assertEqual(4, len(set(tested)))
        self.assertEqual(sorted(set(packages) - set(tested)), train)

    def test_groups_per_game_keeps_one_game_from_filling_the_test_part(self):
        packages = {c: ["g1"] for c in "abcdef"} | {c: ["g2"] for c in "gh"} | {"i": ["g3"]}
        groups, train = real_music.split(sorted(packages), packages, test_count=6, max_group=2, seed=1, groups_per_game=2)
        self.assertEqual(["g1", "g1", "g2"], [g["game"] for g in groups])
        self.assertEqual(2, len([c for c in train if packages[c] == ["g1"]]))



class CombineTests(unittest.TestCase):
    """Training catalogs of several parts of the set (the learning curve of real-music-curve.sh)."""

    def setUp(self):
        import json
        self.set = Path(tempfile.mkdtemp())
        labels = []

        def part(name, composers, tracks):
            rows = []
            for composer in composers:
                for n in range(tracks):
                    track_id = f"rm-{composer}-{n}"
                    flac = f"pkg/{composer}-{n}.flac"
                    (self.set / "flac" / "pkg").mkdir(parents=True, exist_ok=True)
                    (self.set / "flac" / flac).write_bytes(b"fLaC")
                    rows.append({"trackId": track_id, "title": "t", "artistName": "Homonym 01" if name == "test" else composer,
                                 "trueArtistId": f"composer-{composer}", "albumId": "pkg", "albumTitle": "pkg", "releaseDate": "2000-01-01",
                                 "genres": [], "audioPath": f"audio/{flac}", "flac": flac})
                    labels.append({"trackId": track_id, "composer": composer.title(), "seconds": 60.0})
            real_music.write_catalog(self.set / name, rows, self.set / "flac")
        self.train = [f"t{i}" for i in range(8)]
        self.unused = [f"u{i}" for i in range(12)]
        self.test = [f"x{i}" for i in range(6)]
        part("train", self.train, 2)
        part("unused", self.unused, 1)
        part("test", self.test, 2)
        (self.set / "labels.jsonl").write_text("".join(json.dumps(l) + "\n" for l in labels))
        self.unit = lambda c: real_music.stable_unit(1, "artist-split", f"composer-{c}")

    def composers(self, folder):
        import json
        return {json.loads(l)["trueArtistId"].removeprefix("composer-") for l in (folder / "catalog.jsonl").read_text().splitlines()}

    def test_extra_takes_one_track_composers_in_the_recipe_order_before_the_early_stopping_pair(self):
        out = Path(tempfile.mkdtemp()) / "c"
        real_music.combine(self.set, out, ["train", "unused"], 3, 1, 2)
        added = self.composers(out) - set(self.train)
        limit = sorted(self.unit(c) for c in self.train)[-2]
        eligible = sorted((c for c in self.unused if self.unit(c) < limit), key=self.unit)
        self.assertEqual(set(eligible[:3]), added)
        # the early-stopping pair (the last 2 in the recipe order) is the training part's own
        everyone = sorted(self.composers(out), key=self.unit)
        self.assertEqual(sorted(self.train, key=self.unit)[-2:], everyone[-2:])
        self.assertTrue((out / "audio" / "pkg" / f"{eligible[0]}-0.flac").exists())

    def test_extra_larger_than_the_eligible_composers_is_refused(self):
        with self.assertRaises(SystemExit):
            real_music.combine(self.set, Path(tempfile.mkdtemp()) / "c", ["train", "unused"], 12, 1, 2)

    def test_move_test_trains_on_some_test_composers_and_holds_out_the_others_under_their_pooled_names(self):
        import json
        out, held = Path(tempfile.mkdtemp()) / "c", Path(tempfile.mkdtemp()) / "h"
        real_music.move_test(self.set, out, held, 2, 1, 2)
        moved = self.composers(out) - set(self.train)
        self.assertEqual(2, len(moved))
        self.assertEqual(set(self.test) - moved, self.composers(held))
        names = {json.loads(l)["artistName"] for l in (held / "catalog.jsonl").read_text().splitlines()}
        self.assertEqual({"Homonym 01"}, names)

    def test_stable_unit_orders_the_set_s_training_composers_as_the_dataset_recipe_did(self):
        # `disambig dataset build --seed 1` on the set's 8 training composers put Martin Strohmeier and reg last
        # (rm-9s/early-stopping/manifest.json): the order real_music.stable_unit gives (StableDraw.Unit in C#).
        composers = ["omri-lahav", "joseph-toscano", "barry-van-oudtshoorn", "jan-bruns", "derek-stegall", "yuri-r-sucupira",
                     "martin-strohmeier", "reg"]
        ordered = sorted(composers, key=self.unit)
        self.assertEqual(["martin-strohmeier", "reg"], ordered[-2:])
        self.assertTrue(all(0 <= self.unit(c) < 1 for c in composers))

if __name__ == "__main__":
    unittest.main()
