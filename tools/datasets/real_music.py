#!/usr/bin/env python3
"""Builds the real-music development set of Disambig from Debian game-soundtrack packages (issue 15).

Only the packages of PACKAGES are used. Steps (each resumable):
  fetch   apt-get download each package and unpack it with dpkg-deb -x under CACHE/root/<package>
          (no root needed, nothing is installed system-wide, no game engine is pulled in).
  survey  list every audio file of at least --min-seconds with its tags (to write or check label rules).
  build   label each music file by composer (its own tags, a tracker module's credit line, SuperTuxKart's .music
          descriptor, or the package's copyright stanza naming it; the evidence is kept in labels.jsonl),
          decode every labelled track to one format (FLAC, mono, 22 050 Hz, 16 bit: what the model reads, so the
          source codec cannot reveal the composer), split composers into train and test, pool test composers into
          homonym names (same-game groups first), and write catalogs, labels.jsonl and summary.json under OUT.
Nothing here needs Python packages beyond the standard library; ffmpeg/ffprobe come from Debian.
"""
import argparse
import fnmatch
import hashlib
import html
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# The list, and only it: no other package's music may enter the set.
PACKAGES = [
    "0ad-data", "supertuxkart-data", "widelands-data", "openclonk-data", "redeclipse-data", "openarena-data",
    "teeworlds-data", "boswars-data", "chromium-bsu-data", "endless-sky-data", "freeciv-data", "lbreakout2-data",
    "neverball-data", "pingus-data", "powermanga-data", "tecnoballz-data", "scorched3d-data", "trigger-rally-data",
    "minetest-data", "drascula-music", "alienblaster-data", "ceferino-data", "gigalomania-data", "holotz-castle-data",
    "kobodeluxe-data", "opencity-data", "simutrans-data", "pioneers-data", "torcs-data",
]
# Music kept inside an archive of a package: (archive path in the package, member prefix).
ARCHIVED_MUSIC = {"0ad-data": [("usr/share/games/0ad/mods/public/public.zip", "audio/music/")]}
AUDIO_EXTENSIONS = {".ogg", ".oga", ".mp3", ".flac", ".wav", ".opus", ".mod", ".xm", ".it", ".s3m"}
# MIDI is left out: ffmpeg has no synthesiser, and a rendered MIDI would reveal the renderer, not the composer.
# Music, not sound effects: a folder or file name that says so (ambient loops from sound libraries are long too).
MUSIC_PATH = re.compile(r"(^|/)(music|musics|mus|bgm|stdmusic|soundtrack|songs?)(/|$)|music|theme", re.I)
TAG_KEYS = ("composer", "artist", "author", "album_artist", "performer")


def fail(message):
    print(f"real-music: {message}", file=sys.stderr)
    sys.exit(1)


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def fetch(cache: Path, skip):
    debs, root = cache / "debs", cache / "root"
    debs.mkdir(parents=True, exist_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    for package in PACKAGES:
        if package in skip:
            print(f"skip {package} (--skip)")
            continue
        found = list(debs.glob(f"{package}_*.deb"))
        if not found:
            subprocess.run(["apt-get", "download", package], cwd=debs, check=True)
            found = list(debs.glob(f"{package}_*.deb"))
        target = root / package
        if not (target / ".unpacked").exists():
            run(["dpkg-deb", "-x", str(found[0]), str(target)])
            (target / ".unpacked").write_text(found[0].name)
        for archive, prefix in ARCHIVED_MUSIC.get(package, []):
            unpack_archived_music(target / archive, prefix)
        print(f"{package}: {found[0].name}")


def unpack_archived_music(archive: Path, prefix):
    """Extracts the members of a zip under prefix into ARCHIVE.d/ (beside it, same relative paths), so that they are
    surveyed and labelled like any shipped file; their source path names the archive (public.zip.d/audio/music/..)."""
    target = archive.with_name(archive.name + ".d")
    if (target / ".unpacked").exists() or not archive.exists():
        return
    with zipfile.ZipFile(archive) as z:
        for member in z.namelist():
            if member.startswith(prefix) and not member.endswith("/") and ".." not in member.split("/"):
                z.extract(member, target)
    (target / ".unpacked").write_text(prefix)


def probe(path: Path):
    try:
        out = run(["ffprobe", "-v", "error", "-show_entries", "format=duration,format_name:format_tags:stream=codec_type:stream_tags",
                   "-of", "json", str(path)], timeout=60).stdout
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None
    data = json.loads(out)
    fmt = data.get("format", {})
    if not any(s.get("codec_type") == "audio" for s in data.get("streams", [])):
        return None
    try:
        duration = float(fmt.get("duration", "nan"))
    except ValueError:
        return None
    return {"duration": duration, "format": fmt.get("format_name", ""), "tags": merged_tags(data)}


def merged_tags(data):
    """The container's tags, then those of the first audio stream: Ogg keeps its Vorbis comments (ARTIST, COMPOSER)
    on the stream, so reading only the container's tags misses them."""
    tags = {}
    audio = next((s for s in data.get("streams", []) if s.get("codec_type") == "audio"), {})
    for source in (data.get("format", {}).get("tags", {}), audio.get("tags", {})):
        for k, v in source.items():
            if isinstance(v, str) and v.strip():
                tags.setdefault(k.lower(), v.strip())
    return tags


def audio_files(cache: Path, packages):
    """Audio files whose path says music, or that a music descriptor names (SuperTuxKart keeps some in tracks/)."""
    for package in packages:
        base = cache / "root" / package
        if not base.exists():
            continue
        credits, fast = music_descriptors(cache, package)
        for path in sorted(base.rglob("*")):
            rel = str(path.relative_to(base))
            if path.is_file() and not path.is_symlink() and path.suffix.lower() in AUDIO_EXTENSIONS and (
                    MUSIC_PATH.search(rel) or rel in credits or rel in fast):
                yield package, path


def probed(cache: Path, packages, min_seconds):
    files = list(audio_files(cache, packages))
    with ThreadPoolExecutor(max_workers=4) as pool:
        for (package, path), info in zip(files, pool.map(lambda f: probe(f[1]), files)):
            if info is not None and info["duration"] == info["duration"] and info["duration"] >= min_seconds:
                yield package, path, info


def survey(cache: Path, packages, min_seconds):
    for package, path, info in probed(cache, packages, min_seconds):
        rel = path.relative_to(cache / "root" / package)
        tags = {k: info["tags"][k] for k in TAG_KEYS if k in info["tags"]}
        print(json.dumps({"package": package, "path": str(rel), "seconds": round(info["duration"], 1), "tags": tags}, ensure_ascii=False))


def squash(text):
    return re.sub(r"\s+", " ", text).strip().casefold()


def copyright_text(cache: Path, package):
    doc = cache / "root" / package / "usr" / "share" / "doc"
    texts = {}
    if doc.exists():
        for path in sorted(doc.glob("*/copyright")):
            if path.is_file():
                texts[str(path.relative_to(cache / "root" / package))] = path.read_text(errors="replace")
    return texts


def dep5_stanzas(cache: Path, package):
    """The Files stanzas of the package's machine-readable copyright files (DEP-5), in file order. A stanza for
    every file ("*") or for Debian's packaging names a project, not a composer, and is left out."""
    stanzas = []
    for name, text in copyright_text(cache, package).items():
        for block in re.split(r"\n\s*\n", text):
            fields, key = {}, None
            for line in block.splitlines():
                match = re.match(r"^([A-Za-z-]+):\s*(.*)$", line)
                if match:
                    key = match.group(1).lower()
                    fields[key] = [match.group(2)] if match.group(2) else []
                elif key and line[:1].isspace():
                    fields[key].append(line.strip())
            patterns = " ".join(fields.get("files", [])).split()
            patterns = [p for p in patterns if p != "*" and not p.startswith("debian/")]
            if patterns and fields.get("copyright"):
                stanzas.append({"file": f"{package}:/{name}", "patterns": patterns, "copyright": [c for c in fields["copyright"] if c]})
    return stanzas


def stanza_for(rel, stanzas):
    """The last stanza whose pattern matches the installed path (DEP-5: the last match wins). Patterns are relative
    to the upstream source tree, so they are matched against every tail of the installed path."""
    parts = rel.split("/")
    tails = ["/".join(parts[i:]) for i in range(len(parts))]
    found = None
    for stanza in stanzas:
        if any(fnmatch.fnmatchcase(tail, pattern) for pattern in stanza["patterns"] for tail in tails):
            found = stanza
    return found


def holder(copyright_lines):
    """One composer's name from a Copyright field, or (None, reason): years, e-mail and web addresses are dropped;
    several holders (more lines, "and", "&", ",") are a joint credit, which cannot label one composer."""
    lines = [l for l in copyright_lines if not re.fullmatch(r"<?https?://\S+>?", l)]
    if len(lines) != 1:
        return None, "several copyright holders"
    name = re.sub(r"<[^>]*>", "", lines[0])
    name = re.sub(r"^\s*(\(c\)\s*)?[0-9][0-9 ,\-]*[0-9],?\s*", "", name, flags=re.I).strip(" ,.")
    if re.search(r"\b(and|commissioned|others|team|games|soft|project)\b|&|,|/", name, re.I):
        return None, f"not one composer: {lines[0]!r}"
    return (name, None) if name else (None, "empty copyright")


def load_rules(path: Path):
    rules = json.loads(path.read_text())
    return rules.get("aliases", {}), {v.casefold() for v in rules.get("ignoreTagValues", [])}


def music_descriptors(cache: Path, package):
    """SuperTuxKart's per-track descriptors (`*.music`: <music title=".." composer=".." file=".." fast-filename=".."/>),
    keyed by the installed path of the audio file they name (beside the descriptor). Read with a tolerant attribute
    pattern, not an XML parser: one descriptor of the package has a bare '<' inside its composer attribute.
    Returns (credits: path -> evidence, fast: path -> evidence of the track it speeds up)."""
    base = cache / "root" / package
    credits, fast = {}, {}
    if not base.exists():
        return credits, fast
    for path in sorted(base.rglob("*.music")):
        text = path.read_text(errors="replace")
        attributes = {k.lower(): html.unescape(v).strip() for k, v in re.findall(r'([A-Za-z][\w-]*)\s*=\s*"([^"]*)"', text)}
        folder = path.parent.relative_to(base)
        source = f"{package}:/{path.relative_to(base)}"
        if attributes.get("file"):
            credits[str(folder / attributes["file"])] = {"kind": "music-descriptor", "file": source, "title": attributes.get("title", ""),
                                                         "composer": attributes.get("composer", "")}
            if attributes.get("fast-filename"):
                fast[str(folder / attributes["fast-filename"])] = {"kind": "fast-variant", "file": source,
                                                                   "reason": f"sped-up copy of {attributes['file']}, not another recording"}
    return credits, fast


def composer_name(value):
    """One composer from a credit text (a tag value or a descriptor's composer), or (None, reason); same rules as a
    copyright holder: a joint credit labels nothing."""
    return holder([value])


MODULE_EXTENSIONS = {".mod", ".xm", ".it", ".s3m"}
# A tracker module's comment (song message) credits its author in a line of its own: "by", "written and tracked by",
# "composed by", "music by" (the name after it or on the next line), "music from NAME", or a copyright line
# "Copyright [(c)] YEAR[-YEAR] [NAME]" (the name after the year or on the next line: pingus-data's gd-giirm.s3m says
# "Goose in Israel" / "Copyright 1999" / "H. Matthew Smith"). A "by" inside other text ("Converted with Pro-Wizard by
# Gryzor!") does not start a line and names no composer.
MODULE_CREDIT = re.compile(r"^[ \t]*(?:(?:(?:(?:written and tracked|written|tracked|composed|music)[ \t]+by)|by|music[ \t]+from)\b"
                           r"|copyright(?:[ \t]*\(c\))?[ \t]*[0-9]{4}(?:[ \t]*-[ \t]*[0-9]{2,4})?\b,?)[ \t]*(.*)$",
                           re.I | re.M)


def module_credit(comment):
    """The author a tracker module's comment names, or None. Its first credit line counts; its name is the rest of
    that line, or the next non-empty line when the line ends at "by" (or at a copyright line's year)."""
    match = MODULE_CREDIT.search(comment or "")
    if match is None:
        return None
    name = match.group(1).strip()
    if not name:
        following = [l.strip() for l in comment[match.end():].splitlines() if l.strip()]
        name = following[0] if following else ""
    return name or None


def label(package, rel, info, stanzas, aliases, ignored, descriptors=None):
    """Composer of one file: its own composer/artist tag first, then the game's own per-track descriptor, else the
    copyright stanza that names the file."""
    credits, fast = descriptors or ({}, {})
    if rel in fast:
        return None, {**fast[rel], "kind": "unlabelled"}
    for key in TAG_KEYS:
        value = info["tags"].get(key, "")
        if value and value.casefold() not in ignored:
            evidence = {"kind": "tag", "file": f"{package}:/{rel}", "tag": key, "value": value}
            name, reason = composer_name(value)
            if name is None:
                return None, {**evidence, "kind": "unlabelled", "reason": reason}
            return aliases.get(name, name), evidence
    if Path(rel).suffix.lower() in MODULE_EXTENSIONS and (credit := module_credit(info["tags"].get("comment", ""))):
        evidence = {"kind": "module-comment", "file": f"{package}:/{rel}", "credit": credit,
                    "comment": " / ".join(l.strip() for l in info["tags"]["comment"].splitlines() if l.strip())[:300]}
        name, reason = composer_name(credit)
        if name is None:
            return None, {**evidence, "kind": "unlabelled", "reason": reason}
        return aliases.get(name, name), evidence
    if rel in credits and credits[rel]["composer"]:
        name, reason = composer_name(credits[rel]["composer"])
        if name is None:
            return None, {**credits[rel], "kind": "unlabelled", "reason": reason}
        return aliases.get(name, name), credits[rel]
    stanza = stanza_for(rel, stanzas)
    if stanza is None:
        return None, {"kind": "unlabelled", "reason": "no tag, module credit line, music descriptor or copyright stanza names this file (only the package-wide stanza)"}
    evidence = {"kind": "copyright", "file": stanza["file"], "files": " ".join(stanza["patterns"]), "copyright": " / ".join(stanza["copyright"])}
    name, reason = holder(stanza["copyright"])
    if name is None:
        return None, {**evidence, "kind": "unlabelled", "reason": reason}
    return aliases.get(name, name), evidence


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def decode(source: Path, target: Path):
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial.flac")
    run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(source), "-map", "0:a:0", "-vn", "-map_metadata", "-1",
         "-af", "aresample=22050:resampler=soxr",
         "-ac", "1", "-sample_fmt", "s16", "-c:a", "flac", str(partial)], timeout=600)
    partial.replace(target)


def split(composers, packages_of, test_count, max_group, seed, groups_per_game=0):
    """Same-game groups first: each game with 2+ eligible composers gives test groups of up to max_group of them
    (the production cannot tell them apart), at most groups_per_game per game (0: no limit), so that one game's
    composers do not fill the whole test part. Further test composers are drawn at random and pooled across games."""
    rng = random.Random(seed)
    by_game = {}
    for composer in composers:
        for game in packages_of[composer]:
            by_game.setdefault(game, []).append(composer)
    groups, used = [], set()
    for game in sorted(by_game, key=lambda g: (-len(by_game[g]), g)):
        free = sorted(c for c in by_game[game] if c not in used)
        rng.shuffle(free)
        taken = 0
        while len(free) >= 2 and test_count - len(used) >= 2 and (groups_per_game == 0 or taken < groups_per_game):
            taken += 1
            size = min(max_group, len(free), test_count - len(used))
            if len(free) - size == 1 and size > 2:
                size -= 1  # leave no composer of the game alone
            groups.append({"game": game, "composers": sorted(free[:size])})
            used.update(free[:size])
            free = free[size:]
    rest = sorted(c for c in composers if c not in used)
    rng.shuffle(rest)
    extra = rest[:max(0, test_count - len(used))]
    while len(extra) >= 2:
        size = min(len(extra), rng.choice(range(2, max_group + 1)))
        if len(extra) - size == 1:
            size = len(extra) if len(extra) <= max_group else size - 1
        groups.append({"game": None, "composers": sorted(extra[:size])})
        used.update(extra[:size])
        extra = extra[size:]
    return groups, sorted(c for c in composers if c not in used)


def write_catalog(folder: Path, tracks, flac_root: Path):
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for track in sorted(tracks, key=lambda t: t["trackId"]):
        link = folder / track["audioPath"]
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.exists():
            os.link(flac_root / track["flac"], link)
        lines.append(json.dumps({k: track[k] for k in ("trackId", "title", "artistName", "trueArtistId", "albumId", "albumTitle", "releaseDate", "genres", "audioPath")}, ensure_ascii=False))
    partial = folder / "catalog.jsonl.partial"
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(folder / "catalog.jsonl")


def build(cache: Path, out: Path, rules_path: Path, min_seconds, min_tracks, test_count, max_group, seed, groups_per_game=0):
    aliases, ignored = load_rules(rules_path)
    stanzas = {package: dep5_stanzas(cache, package) for package in PACKAGES}
    descriptors = {package: music_descriptors(cache, package) for package in PACKAGES}
    out.mkdir(parents=True, exist_ok=True)
    flac_root = out / "flac"
    labelled, skipped = [], []
    for package, path, info in probed(cache, PACKAGES, min_seconds):
        rel = str(path.relative_to(cache / "root" / package))
        composer, evidence = label(package, rel, info, stanzas[package], aliases, ignored, descriptors[package])
        source = f"{package}:/{rel}"
        if composer is None:
            skipped.append({"source": source, "seconds": round(info["duration"], 1), **evidence})
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        labelled.append({"source": source, "sha256": digest, "seconds": round(info["duration"], 2), "sourceFormat": info["format"],
                         "package": package, "composer": composer, "evidence": evidence, "title": Path(rel).stem,
                         "flac": f"{package}/{slug(str(Path(rel).with_suffix('')))}.flac", "path": path})
    # The same recording shipped twice (identical bytes) counts once.
    seen, unique = set(), []
    for track in labelled:
        if track["sha256"] in seen:
            skipped.append({"source": track["source"], "kind": "duplicate", "reason": "same bytes as an earlier file"})
            continue
        seen.add(track["sha256"])
        unique.append(track)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda t: decode(t["path"], flac_root / t["flac"]), unique))

    counts = {}
    for track in unique:
        counts[track["composer"]] = counts.get(track["composer"], 0) + 1
    eligible = sorted(c for c, n in counts.items() if n >= min_tracks)
    packages_of = {c: sorted({t["package"] for t in unique if t["composer"] == c}) for c in eligible}
    groups, train = split(eligible, packages_of, test_count, max_group, seed, groups_per_game)

    composer_id = {c: f"composer-{slug(c)}" for c in counts}
    role = {c: "train" for c in train}
    name_of = {}
    for number, group in enumerate(groups, 1):
        group["name"] = f"Homonym {number:02d}"
        for c in group["composers"]:
            role[c], name_of[c] = "test", group["name"]
    for track in unique:
        c = track["composer"]
        track["trackId"] = "rm-" + track["sha256"][:12]
        track["trueArtistId"] = composer_id[c]
        track["role"] = role.get(c, f"unused (fewer than {min_tracks} tracks)")
        track["artistName"] = name_of.get(c, c)
        track["albumId"] = track["package"]
        track["albumTitle"] = track["package"].removesuffix("-data").removesuffix("-music")
        track["releaseDate"] = "2000-01-01"  # placeholder: the packages carry no release date per track
        track["genres"] = []
        track["audioPath"] = f"audio/{track['flac']}"

    with open(out / "labels.jsonl.partial", "w", encoding="utf-8") as f:
        for track in sorted(unique, key=lambda t: t["source"]):
            f.write(json.dumps({k: track[k] for k in ("trackId", "source", "sha256", "sourceFormat", "seconds", "composer", "trueArtistId", "role", "artistName", "evidence")}, ensure_ascii=False) + "\n")
    os.replace(out / "labels.jsonl.partial", out / "labels.jsonl")
    with open(out / "skipped.jsonl", "w", encoding="utf-8") as f:
        for entry in sorted(skipped, key=lambda s: s["source"]):
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    write_catalog(out / "train", [t for t in unique if t["role"] == "train"], flac_root)
    write_catalog(out / "test", [t for t in unique if t["role"] == "test"], flac_root)
    # The composers with too few tracks to test on: extra training artists (`combine`), never test names.
    write_catalog(out / "unused", [t for t in unique if t["role"] not in ("train", "test")], flac_root)

    def size(tracks):
        return {"composers": len({t["composer"] for t in tracks}), "tracks": len(tracks), "hours": round(sum(t["seconds"] for t in tracks) / 3600, 2)}
    summary = {
        "packagesUsed": sorted({t["package"] for t in unique}),
        "all": size(unique),
        "train": size([t for t in unique if t["role"] == "train"]),
        "test": size([t for t in unique if t["role"] == "test"]),
        "unused": size([t for t in unique if not t["role"] in ("train", "test")]),
        "skippedFiles": len(skipped),
        "composers": {c: {"tracks": counts[c], "packages": sorted({t["package"] for t in unique if t["composer"] == c}), "role": role.get(c, "unused")} for c in sorted(counts)},
        "groups": groups,
        "settings": {"minSeconds": min_seconds, "minTracks": min_tracks, "testComposers": test_count, "maxGroup": max_group, "groupsPerGame": groups_per_game, "seed": seed,
                     "format": "FLAC, mono, 22050 Hz, 16 bit"},
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: summary[k] for k in ("all", "train", "test", "unused", "skippedFiles")}))


def stable_unit(seed, purpose, key):
    """Disambig.Datasets' StableDraw.Unit: the number in [0, 1) that orders artists for a recipe's artist split
    (purpose "artist-split", the dataset's --seed). The unbalanced recipe sorts artists by it and gives the last ones
    to early stopping; the order of two artists does not depend on which others are in the catalog."""
    digest = hashlib.sha256(f"{seed}\u001f{purpose}\u001f{key}".encode()).digest()
    return (int.from_bytes(digest[:8], "little") >> 11) / float(1 << 53)


def read_catalog(folder: Path):
    return [json.loads(line) for line in (folder / "catalog.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def first_before_early_stopping(candidates, base_ids, unit, count, early_stopping, what):
    """The first COUNT of CANDIDATES (artist ids) in the recipe's artist order among those ordered before the last
    EARLY_STOPPING of BASE_IDS, so that adding them leaves the recipe's early-stopping composers as they were."""
    base_units = sorted(unit[a] for a in base_ids)
    if len(base_units) < early_stopping:
        fail(f"combine: the parts hold {len(base_units)} composers, fewer than {early_stopping} for early stopping")
    eligible = [a for a in sorted(candidates, key=lambda a: (unit[a], a)) if unit[a] < base_units[-early_stopping]]
    if count > len(eligible):
        fail(f"combine: {count} {what} asked, but only {len(eligible)} are drawn before early stopping")
    return eligible[:count]


def move_test(set_folder: Path, out: Path, held_out: Path, count, split_seed, early_stopping):
    """The training part plus the first COUNT test composers (in the recipe's artist order, before early stopping)
    as a training catalog in OUT; the other test composers, as they are in the test catalog, in HELD_OUT."""
    labels = {json.loads(l)["trackId"]: json.loads(l) for l in (set_folder / "labels.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()}
    train, test = read_catalog(set_folder / "train"), read_catalog(set_folder / "test")
    unit = {t["trueArtistId"]: stable_unit(split_seed, "artist-split", t["trueArtistId"]) for t in train + test}
    moved = set(first_before_early_stopping({t["trueArtistId"] for t in test}, {t["trueArtistId"] for t in train}, unit, count, early_stopping,
                                            "test composers"))
    rows = [dict(t, artistName=labels[t["trackId"]]["composer"], flac=t["audioPath"].removeprefix("audio/"))
            for t in train + [t for t in test if t["trueArtistId"] in moved]]
    write_catalog(out, rows, set_folder / "flac")
    write_catalog(held_out, [dict(t, flac=t["audioPath"].removeprefix("audio/")) for t in test if t["trueArtistId"] not in moved], set_folder / "flac")
    names = lambda ids: sorted({labels[t["trackId"]]["composer"] for t in test if t["trueArtistId"] in ids})
    held = {t["trueArtistId"] for t in test} - moved
    (out / "composers.json").write_text(json.dumps({"movedTestComposers": names(moved), "heldOut": names(held), "splitSeed": split_seed,
                                                     "composers": sorted({r["artistName"] for r in rows}), "tracks": len(rows)},
                                                    indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"catalog": str(out), "moved": names(moved), "heldOut": names(held)}))


def combine(set_folder: Path, out: Path, parts, extra, split_seed, early_stopping):
    """A training catalog of the set's parts (train, test, unused), each track under its composer's own name.
    --extra K takes the first K composers of `unused` in the recipe's artist order (StableDraw, purpose
    "artist-split", --split-seed) among those the recipe would not draw into early stopping: those ordered before the
    last EARLY_STOPPING composers of the other parts. The early-stopping composers of the recipe (the last ones in
    that order) then stay those of the parts alone, so a learning curve changes only the training composers."""
    labels = {json.loads(l)["trackId"]: json.loads(l) for l in (set_folder / "labels.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()}
    tracks = {part: read_catalog(set_folder / part) for part in parts}
    base = [t for part in parts if part != "unused" for t in tracks[part]]
    unit = {}
    for t in [t for part in parts for t in tracks[part]]:
        unit[t["trueArtistId"]] = stable_unit(split_seed, "artist-split", t["trueArtistId"])
    chosen = base
    if "unused" in tracks:
        extras = sorted({t["trueArtistId"] for t in tracks["unused"]}, key=lambda a: (unit[a], a))
        if extra is not None:
            extras = first_before_early_stopping(extras, {t["trueArtistId"] for t in base}, unit, extra, early_stopping, "one-track composers")
        keep = set(extras)
        chosen = base + [t for t in tracks["unused"] if t["trueArtistId"] in keep]
    rows = []
    for t in chosen:
        row = dict(t)
        row["artistName"] = labels[t["trackId"]]["composer"]
        row["flac"] = t["audioPath"].removeprefix("audio/")
        rows.append(row)
    write_catalog(out, rows, set_folder / "flac")
    composers = sorted({r["artistName"] for r in rows})
    (out / "composers.json").write_text(json.dumps({"parts": parts, "extra": extra, "splitSeed": split_seed, "earlyStopping": early_stopping,
                                                     "composers": composers, "tracks": len(rows),
                                                     "hours": round(sum(labels[r["trackId"]]["seconds"] for r in rows) / 3600, 2)},
                                                    indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"catalog": str(out), "composers": len(composers), "tracks": len(rows)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["fetch", "survey", "build", "combine"])
    parser.add_argument("--cache", type=Path, help="downloaded and unpacked packages (fetch, survey, build)")
    parser.add_argument("--out", type=Path, help="development set folder (build)")
    parser.add_argument("--rules", type=Path, default=Path(__file__).with_name("real-music-labels.json"))
    parser.add_argument("--skip", default="", help="comma-separated packages not to fetch (say why in the docs)")
    parser.add_argument("--packages", default="", help="survey only these packages (comma-separated)")
    parser.add_argument("--min-seconds", type=float, default=30.0, help="shorter files are jingles or effects, not music")
    parser.add_argument("--min-tracks", type=int, default=2, help="composers with fewer tracks are left out")
    parser.add_argument("--test-composers", type=int, default=8)
    parser.add_argument("--max-group", type=int, default=2)
    parser.add_argument("--groups-per-game", type=int, default=2, help="at most this many same-game test names per game (0: no limit)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--set", type=Path, help="combine: the development set folder")
    parser.add_argument("--parts", default="train", help="combine: comma-separated parts of the set (train, test, unused)")
    parser.add_argument("--extra", type=int, help="combine: only the first K composers of `unused` drawn before early stopping (default all)")
    parser.add_argument("--split-seed", type=int, default=1, help="combine: the --seed of the `disambig dataset build` that follows")
    parser.add_argument("--early-stopping", type=int, default=2, help="combine: early-stopping composers the recipe will draw")
    parser.add_argument("--move-test", type=int, help="combine: train on the training part plus the first K test composers "
                        "(recipe order, before early stopping); the other test composers go to --held-out")
    parser.add_argument("--held-out", type=Path, help="combine --move-test: catalog folder of the test composers left")
    args = parser.parse_args()
    if args.cache is None and args.command != "combine":
        fail(f"{args.command} needs --cache")
    skip = {p for p in args.skip.split(",") if p}
    if unknown := skip - set(PACKAGES):
        fail(f"--skip names packages not on the list: {', '.join(sorted(unknown))}")
    if args.command == "fetch":
        fetch(args.cache, skip)
    elif args.command == "survey":
        chosen = [p for p in args.packages.split(",") if p] or PACKAGES
        if unknown := set(chosen) - set(PACKAGES):
            fail(f"--packages names packages not on the list: {', '.join(sorted(unknown))}")
        survey(args.cache, chosen, args.min_seconds)
    elif args.command == "combine":
        if args.out is None or args.set is None:
            fail("combine needs --set and --out")
        parts = [p for p in args.parts.split(",") if p]
        if unknown := set(parts) - {"train", "test", "unused"}:
            fail(f"combine: unknown parts {', '.join(sorted(unknown))}")
        if args.move_test is not None:
            if args.held_out is None:
                fail("combine --move-test needs --held-out")
            move_test(args.set, args.out, args.held_out, args.move_test, args.split_seed, args.early_stopping)
        else:
            combine(args.set, args.out, parts, args.extra, args.split_seed, args.early_stopping)
    else:
        if args.out is None:
            fail("build needs --out")
        build(args.cache, args.out, args.rules, args.min_seconds, args.min_tracks, args.test_composers, args.max_group, args.seed, args.groups_per_game)


if __name__ == "__main__":
    main()
