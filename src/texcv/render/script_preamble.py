"""The preamble for the scripts and fonts this CV uses, for the engine that builds it.

pdfLaTeX: the font encoding of each script (latex_templates/script-KEY.tex), and the
characters printed inside an /ActualText (latex_templates/actualtext.tex, then one
``\\DeclareUnicodeCharacter`` per character used). LuaLaTeX and XeLaTeX: the fonts of the
plan (texcv.render.fonts), each named by its file, and the font and direction of each
script's runs. A CV of plain Latin text gets nothing here, so its .tex stays as it was.
The values come from texcv's data (TeX Live's .dfu definitions, the font files fontconfig
lists), never from cv.yaml.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from pylatex.base_classes import LatexObject
from pylatex.utils import NoEscape

from texcv.render import latex as tex
from texcv.render.charset import actual_text
from texcv.render.engine_choice import Needs
from texcv.render.fonts import SAFE_PATH, Face, Family, FontPlan

PDFLATEX_KEYS = ("vi", "Grek", "Cyrl")  # the scripts pdfLaTeX sets (script-KEY.tex)
FALLBACK = "texcvfallback"


def pdflatex_scripts(needs: Needs) -> tex.Joined:
    """After the fixed preamble, for pdfLaTeX: encodings, then /ActualText characters."""
    parts: list[LatexObject] = []
    if needs.keys:  # (a script pdfLaTeX cannot set still gets its run: TeX names the character)
        parts.append(tex.Template("scripts"))
        parts.extend(tex.Template(f"script-{key}") for key in PDFLATEX_KEYS if key in needs.keys)
    drawn = actual_text()
    used = sorted(ch for ch in needs.all_characters() if ch in drawn)
    if used:
        parts += [tex.Template("actualtext"), tex.MakeAtLetter()]
        for ch in used:
            shown = tex.TexcvActualText(NoEscape(_utf16(ch)), NoEscape(drawn[ch]))
            parts.append(tex.DeclareUnicodeCharacter(NoEscape(f"{ord(ch):04X}"), shown))
        parts.append(tex.MakeAtOther())
    return tex.Joined(*parts, separator="\n")


def unicode_fonts(plan: FontPlan, engine: str, own_font: bool = False) -> tex.Joined:
    """For LuaLaTeX/XeLaTeX: the fonts of ``plan``, and what each script's runs switch to.

    LuaLaTeX with fonts named by file gets them declared straight to LaTeX's font selection
    (latex_templates/lualatex-fonts.tex, about 0.2 s faster); XeLaTeX, fonts by name and a
    person's own family (``own_font``, set by fontspec after this) go through fontspec."""
    lua = engine == "lualatex"
    parts: list[LatexObject] = [tex.Template("scripts")]
    fallback: list[str] = []
    if lua and plan.fallback:
        specs = ", ".join(f'"[{_path(face)}]:mode=node;"' for face in plan.fallback)
        parts.append(tex.DirectLua(NoEscape(f'luaotfload.add_fallback("{FALLBACK}", {{{specs}}})')))
        fallback.append(f"fallback={FALLBACK}")
    by_file = bool(plan.roman.regular.file and plan.sans.regular.file)
    if lua and by_file and not own_font:
        parts.extend(_lualatex_fonts(plan, fallback))
        return tex.Joined(*parts, separator="\n")
    parts.insert(0, tex.UsePackage(NoEscape("fontspec")))
    extra = [f"RawFeature={{{feature}}}" for feature in fallback]
    file, options = _family(plan.roman, extra)
    parts.append(tex.SetMainFont(file, options=options))
    file, options = _family(plan.sans, extra)
    parts.append(tex.SetSansFont(file, options=options))
    for font in plan.scripts:
        shaping = []
        if lua:  # HarfBuzz shapes, and maps each glyph back to the characters typed
            shaping.append("Renderer=HarfBuzz")
            if font.opentype_script:
                shaping.append(f"RawFeature={{script={font.opentype_script}}}")
        command = tex.ControlSequence(f"texcvfont{font.key}")
        file, fontspec_options = _family(font.family, shaping)
        parts.append(tex.NewFontFamily(command, options=fontspec_options, then=[file]))
        direction = NoEscape("rtl" if font.right_to_left else "ltr")
        parts.append(tex.TexcvDefineScript(NoEscape(font.key), command, direction))
    return tex.Joined(*parts, separator="\n")


def _lualatex_fonts(plan: FontPlan, fallback: list[str]) -> list[LatexObject]:
    """The plan's families as LaTeX font families of luaotfload specs: the features fontspec
    gives them (Ligatures=TeX for text fonts; HarfBuzz and the script's tag for a script's)."""
    text = "".join(f"{feature};" for feature in ["script=latn", "language=dflt", "+tlig"])
    text = f"mode=node;{text}" + "".join(f"{feature};" for feature in fallback)
    parts: list[LatexObject] = [tex.Template("lualatex-fonts")]
    for name, family in (("texcvrm", plan.roman), ("texcvsf", plan.sans)):
        parts.append(tex.TexcvFamily(NoEscape(name), *_specs(family), NoEscape(text)))
    parts.append(tex.RenewCommand(tex.ControlSequence("rmdefault"), NoEscape("texcvrm")))
    parts.append(tex.RenewCommand(tex.ControlSequence("sfdefault"), NoEscape("texcvsf")))
    for font in plan.scripts:
        name = f"texcv{font.key}"
        script = f"script={font.opentype_script};" if font.opentype_script else ""
        features = NoEscape(f"mode=harf;language=dflt;{script}")
        parts.append(tex.TexcvFamily(NoEscape(name), *_specs(font.family), features))
        command = tex.ControlSequence(f"texcvfont{font.key}")
        parts.append(tex.TexcvFontFamily(command, NoEscape(name)))
        direction = NoEscape("rtl" if font.right_to_left else "ltr")
        parts.append(tex.TexcvDefineScript(NoEscape(font.key), command, direction))
    return parts


def _specs(family: Family) -> tuple[NoEscape, NoEscape, NoEscape, NoEscape]:
    """luaotfload's ``[file]`` (``[file](index)`` in a collection) for the regular, bold,
    italic and bold italic faces, each missing one as fontspec fills it in (_family)."""
    regular = family.regular
    bold = family.bold or regular
    italic = family.italic or regular
    bold_italic = family.bold_italic or family.bold or regular
    faces = (regular, bold, italic, bold_italic)
    return tuple(  # type: ignore[return-value]
        NoEscape(f"[{_path(face)}]" + (f"({face.index})" if face.index else "")) for face in faces
    )


def _family(family: Family, extra: list[str]) -> tuple[NoEscape, list[NoEscape]]:
    """The regular face's file and fontspec's options for the rest (by name without files)."""
    if not family.regular.file:
        return NoEscape(family.name), [NoEscape(option) for option in extra]
    regular = PurePosixPath(_path(family.regular))
    options = [f"Path={regular.parent}/"]
    for option, face, default in (
        ("BoldFont", family.bold, family.regular),
        ("ItalicFont", family.italic, family.regular),
        ("BoldItalicFont", family.bold_italic, family.bold or family.regular),
    ):
        chosen = face if face and PurePosixPath(face.file).parent == regular.parent else default
        options.append(f"{option}={PurePosixPath(chosen.file).name}")
        if chosen.index:
            options.append(f"{option.removesuffix('Font')}Features={{FontIndex={chosen.index}}}")
    if family.regular.index:
        options.append(f"FontIndex={family.regular.index}")
    options.extend(extra)
    return NoEscape(regular.name), [NoEscape(option) for option in options]


def _path(face: Face) -> str:
    """The face's file, written into the .tex: checked to hold nothing TeX or Lua reads
    specially (texcv.compile.fonts lists no other)."""
    if not SAFE_PATH.fullmatch(face.file):
        raise ValueError(f"font path with special characters: {face.file!r}")
    return face.file


def _utf16(ch: str) -> str:
    """The character as UTF-16BE hex, for accsupp's ``method=hex,unicode``."""
    return ch.encode("utf-16-be").hex().upper()
