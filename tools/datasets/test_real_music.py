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


class SplitTests(unittest.TestCase):
    def test_same_game_groups_first_then_the_rest_trains(self):
        packages = {"a": ["g1"], "b": ["g1"], "c": ["g1"], "d": ["g2"], "e": ["g3"], "f": ["g4"]}
        groups, train = real_music.split(sorted(packages), packages, test_count=4, max_group=2, seed=1)
        self.assertEqual(2, len(groups))
        self.assertEqual("g1", groups[0]["game"])
        tested = [c for g in groups for c in g["composers"]]
        self.assertEqual(4, len(set(tested)))
        self.assertEqual(sorted(set(packages) - set(tested)), train)


if __name__ == "__main__":
    unittest.main()
