"""Text stage: decode an article, normalise it to NFC, and give a same-length *match view*.

The NFC text is the source every offset in the graph refers to (NIF 2.1 offsets: code points,
begin inclusive, end exclusive, RFC 5147). Ingest normalisation, recorded on the ``nif:Context``:

1. decode: UTF-8 (a BOM is dropped), UTF-16 when it starts with a BOM; anything else is rejected
   with the byte offset of the first bad byte (``ArticleError``);
2. line endings CRLF / CR → LF;
3. Unicode NFC.

The match view (:func:`fold`) folds case, tone placement (hoà = hòa: the old and the new spelling of oa, oe, uy),
Ð → Đ, NBSP → space and curly quotes → straight quotes, one code point for one code point, so an
offset found in the match view is an offset in the stored text.

The helpers every reader of the text shares live here too: the character classes of the script
(:data:`UPPER`, :data:`LOWER`, :data:`WORD`), the memoised lookup key of a name (:func:`name_key`),
the regex alternation of lexicon phrases (:func:`alternation`) and the one paragraph and sentence
splitter (:class:`Layout`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import ArticleError

#: The ingest normalisation, as recorded on each ``nif:Context``.
NORMALIZATION = "decode UTF-8/UTF-16 (BOM dropped); CRLF and CR to LF; Unicode NFC"

_TONES = "\u0300\u0301\u0303\u0309\u0323"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of code points ``[begin, end)`` in an article's NFC text."""

    begin: int
    end: int

    def slice(self, text: str) -> str:
        """The characters this span covers.

        >>> Span(0, 3).slice("Đại tá")
        'Đại'
        """
        return text[self.begin : self.end]


@dataclass(frozen=True, slots=True)
class Document:
    """An article as ingested: its NFC text and where it came from."""

    path: str
    text: str
    sha256: str
    encoding: str


def decode(data: bytes, *, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode raw article bytes; returns ``(text, encoding)``.

    >>> decode("Hòa".encode("utf-8-sig"))
    ('Hòa', 'utf-8-sig')
    >>> decode("Hòa".encode("utf-16"))[0]
    'Hòa'
    >>> decode(b"ab\\xffcd")
    Traceback (most recent call last):
    ...
    antq_kg.errors.ArticleError: <bytes>: not UTF-8 text: invalid byte 0xff at byte offset 2
    """
    if not data.strip():
        raise ArticleError("empty file", path=path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ArticleError(f"bad UTF-16 at byte offset {exc.start}", path=path, offset=exc.start) from exc
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(f"binary file: NUL byte at byte offset {nul}", path=path, offset=nul)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise ArticleError(
            f"not UTF-8 text: invalid byte 0x{bad:02x} at byte offset {exc.start}",
            path=path,
            offset=exc.start,
        ) from exc


def normalize(text: str) -> str:
    """Ingest normalisation of decoded text: LF line endings, then NFC.

    >>> normalize("Ho\\u0300a\\r\\nB")
    'Hòa\\nB'
    """
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


#: The largest article file :func:`read_document` reads unless told otherwise: 16 MiB. News
#: articles of the genre are kilobytes (the seed is ~4.7 KB, the longest development article
#: ~5.4 KB), so a file a thousand times larger is almost surely not one article (a log, a dump,
#: a concatenated corpus); reading it would hold it, its NFC copy and its match view in memory at
#: once. ``antq-kg extract``/``build`` raise it with ``--max-bytes``.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def format_size(n: int) -> str:
    """A byte count as people read it: whole MiB or KiB when exact, else bytes with separators.

    >>> format_size(16 * 1024 * 1024), format_size(512 * 1024), format_size(100_000)
    ('16 MiB', '512 KiB', '100,000 bytes')
    """
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"


def _too_large(size: int, max_bytes: int, path: Path) -> ArticleError:
    return ArticleError(
        f"file too large: {size:,} bytes (limit {format_size(max_bytes)}; raise it with --max-bytes)",
        path=path,
    )


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of an article file, refused (:class:`ArticleError`) when larger than ``max_bytes``.

    The size is checked with ``stat`` *before* reading, so an oversized file is never loaded;
    the read itself stops at ``max_bytes + 1`` bytes, for files whose size ``stat`` does not
    tell (pipes, ``/proc``) or that grow meanwhile.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes, p)
        with p.open("rb") as f:
            data = f.read(max_bytes + 1)
    except IsADirectoryError as exc:
        raise ArticleError("is a directory, not an article file", path=p) from exc
    except OSError as exc:
        raise ArticleError(exc.strerror or "cannot read file", path=p) from exc
    if len(data) > max_bytes:
        raise ArticleError(
            f"file too large: more than {max_bytes:,} bytes (limit {format_size(max_bytes)}; "
            "raise it with --max-bytes)",
            path=p,
        )
    return data


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read an article file into a :class:`Document` (raises :class:`ArticleError`).

    A file larger than ``max_bytes`` (default :data:`DEFAULT_MAX_BYTES`, 16 MiB) is refused
    before it is read (:func:`read_bytes`).
    """
    p = Path(path)
    data = read_bytes(p, max_bytes=max_bytes)
    text, encoding = decode(data, path=p)
    text = normalize(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ArticleError("empty file", path=p)
    return Document(path=str(path), text=text, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)


def document_from_text(text: str, *, path: str = "<text>") -> Document:
    """A :class:`Document` from a string (normalised as at ingest)."""
    text = normalize(text).removeprefix("\ufeff")
    return Document(path=path, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")


# -- match view ---------------------------------------------------------------------------------

_SPECIAL = {
    "\u00d0": "đ",
    "\u00f0": "đ",
    "\u00a0": " ",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
}


def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    low = ch.lower()
    return low if len(low) == 1 else ch


#: ``_SPECIAL`` as applied after ``str.lower`` (which turns Ð into ð, itself mapped to đ); one
#: ``str.replace`` per character is many times faster than ``str.translate`` on non-ASCII text.
_SPECIAL_AFTER_LOWER = tuple((k, v) for k, v in _SPECIAL.items() if k.lower() == k)


def _fold_case(text: str) -> str:
    """Case and the special characters folded, one code point for one code point.

    The fast path lowers the whole string at once (C speed); it is exact when no character lowers
    to two (``İ``), which the length check sees, and when there is no capital sigma, the one
    character whose lower case depends on its neighbours (final ``ς``). Otherwise each character
    is folded on its own.

    >>> _fold_case("ĐẠI TÁ “Ð”\u00a0Σ") == "".join(map(_fold_char, "ĐẠI TÁ “Ð”\u00a0Σ")) == 'đại tá "đ" σ'
    True
    >>> _fold_case("İa")
    'İa'
    """
    low = text.lower()
    if len(low) != len(text) or "\u03a3" in text:
        return "".join(map(_fold_char, text))
    for ch, folded in _SPECIAL_AFTER_LOWER:
        if ch in low:
            low = low.replace(ch, folded)
    return low


def _move_tone(base_first: str, toned_second: str) -> str:
    """``o`` + ``à`` → ``ò`` + ``a`` (both lower case, NFC)."""
    decomposed = unicodedata.normalize("NFD", toned_second)
    tone = "".join(c for c in decomposed if c in _TONES)
    plain = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base_first + tone) + unicodedata.normalize("NFC", plain)


# Open syllables spelt oa / oe / uy with the tone on the second vowel (the old placement): the pair ends
# a word; "qu" is guarded. Each pair is replaced by its first-vowel spelling (same length).
_SECOND_TONED = re.compile("[àáảãạèéẻẽẹỳýỷỹỵ]")
_SECOND_VOWEL_TONE = re.compile(r"o[àáảãạèéẻẽẹ](?!\w)|(?<!q)u[ỳýỷỹỵ](?!\w)")
_TONE_SWAP = {
    first + toned: _move_tone(first, toned)
    for first, tones in (("o", "àáảãạèéẻẽẹ"), ("u", "ỳýỷỹỵ"))
    for toned in tones
}


def _swap_tone(m: re.Match[str]) -> str:
    return _TONE_SWAP[m.group()]


def fold(text: str) -> str:
    """The match view of NFC text: same length, case and tone placement folded.

    >>> fold("Hoà") == fold("HÒA") == "hòa"
    True
    >>> fold("văn hoá tận tuỵ Quý hoàn")
    'văn hóa tận tụy quý hoàn'
    >>> len(fold("“Đường phố”")) == len("“Đường phố”")
    True
    """
    low = _fold_case(text)
    if not _SECOND_TONED.search(low):
        return low
    return _SECOND_VOWEL_TONE.sub(_swap_tone, low)


def fold_key(text: str) -> str:
    """A lookup key: NFC, folded, inner whitespace collapsed (not length-preserving).

    >>> fold_key("  Nhân  Hoà ")
    'nhân hòa'
    """
    return " ".join(fold(unicodedata.normalize("NFC", text)).split())


@lru_cache(maxsize=1 << 15)
def name_key(text: str) -> str:
    """:func:`fold_key`, memoised: the mention stages look the same names and type words up again and
    again, within an article and across articles.

    >>> name_key("Nhân Hoà") == name_key("NHÂN HÒA") == "nhân hòa"
    True
    """
    return fold_key(text)


# -- character classes ----------------------------------------------------------------------------


def _latin_letters(*, upper: bool) -> str:
    """The letters of one case in the Latin blocks Vietnamese is written in: Basic Latin, Latin-1,
    Latin Extended-A and -B (U+0041–U+024F) and Latin Extended Additional (U+1E00–U+1EFF, where
    the letters with two marks live: ầ, Ở, ự)."""
    codes = (*range(0x41, 0x250), *range(0x1E00, 0x1F00))
    return "".join(c for c in map(chr, codes) if c.isalpha() and (c.isupper() if upper else c.islower()))


#: Upper-case letters, for regex character classes over the NFC text, where a capital tells a name
#: from a common word ("xã Thạch Xuân", "Ấp văn hóa"); the match view has none.
UPPER = _latin_letters(upper=True)
#: Lower-case letters, the other half of a name syllable ("Nguyễn", "M'gar").
LOWER = _latin_letters(upper=False)
#: Apostrophes written inside a word: "Cư M'gar", "Cư M’gar", "K'Ho", "H'Nguyên".
APOSTROPHES = "'\u2019"
#: A word: letters and digits, with apostrophes inside it ("M’gar", "K'Ho").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of the folded phrases, longest first, any whitespace between words.

    Match it against :func:`fold`-ed text; the caller adds word boundaries.

    >>> print(alternation(["Đại tá", "đại tá", "Tá"]))
    đại\\s+tá|tá
    """
    alts = sorted({fold(p) for p in phrases if p.strip()}, key=lambda a: (-len(a), a))
    return "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in alts)


# -- paragraphs and sentences ---------------------------------------------------------------------

#: Where a sentence ends: ". ! ? …" (repeated, closing quotes or brackets after them) before white
#: space and a capital or a digit, opening quotes or brackets allowed before it ("… bình yên”. Từ đầu
#: năm", "(ANTQ) năm 2024. Đến dự"); "Mỹ Hào… đang được nhân rộng" goes on. A line break ends one too.
_SENTENCE_END = re.compile(rf"[.!?…]+[\"'”’»)\]]*(?=\s+[^\s\w]*[{UPPER}\d])|\n")
#: Where a clause ends: a sentence end, or a semicolon before white space.
_CLAUSE_END = re.compile(rf"{_SENTENCE_END.pattern}|;(?=\s)")
_NEWLINE = re.compile("\n")


def _starts(text: str, ends: re.Pattern[str]) -> list[int]:
    """Where the pieces cut at ``ends`` start: the first character after a cut and its white space."""
    out = [0]
    for m in ends.finditer(text):
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if out[-1] < pos < len(text):
            out.append(pos)
    return out


class Layout:
    """The paragraphs and sentences of one text, found once and looked up by bisection.

    A paragraph is a line (articles of the genre write one paragraph a line, blank lines between,
    the headline first); a sentence ends at a line break or at a sentence mark before a capital
    (:data:`_SENTENCE_END`); a clause also at a semicolon. Offsets index the text; a sentence
    starts at its first character, the spaces before it belong to the one before.

    >>> t = "Tiêu đề\\n\\nMột câu. Hai câu; ba… bốn.\\nNăm"
    >>> lay = Layout(t)
    >>> [t[b:e] for b, e in map(lay.sentence, lay.sentence_starts)]
    ['Tiêu đề', 'Một câu.', 'Hai câu; ba… bốn.', 'Năm']
    >>> [t[s:s + 3] for s in lay.clause_starts]
    ['Tiê', 'Một', 'Hai', 'ba…', 'Năm']
    >>> lay.paragraph_starts, lay.line(12)
    ([0, 9, 36], (9, 35))
    """

    def __init__(self, text: str) -> None:
        self.text = text
        #: where every line starts (blank ones included)
        self.line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Where the non-empty lines start, the headline first (``[0]`` for a blank text)."""
        out = [b for b, e in map(self.line, self.line_starts) if self.text[b:e].strip()]
        return out or [0]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence starts, in text order (the first is 0)."""
        return _starts(self.text, _SENTENCE_END)

    @cached_property
    def clause_starts(self) -> list[int]:
        """Where each clause starts: the sentence starts and the words after a semicolon."""
        return _starts(self.text, _CLAUSE_END)

    def line(self, pos: int) -> tuple[int, int]:
        """The line around ``pos`` as ``(begin, end)``, the line break excluded."""
        i = max(bisect_right(self.line_starts, pos) - 1, 0)
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return self.line_starts[i], end

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos`` as ``(begin, end)``, trailing spaces and line break excluded."""
        starts = self.sentence_starts
        i = max(bisect_right(starts, pos) - 1, 0)
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        while end > starts[i] and self.text[end - 1].isspace():
            end -= 1
        return starts[i], end

    def sentence_span(self, span: Span) -> Span:
        """The sentence (or sentences) ``span`` lies in: the evidence context of a mention.

        >>> t = "Một câu. Hai có 5 tổ; 6 đội.\\nBa"
        >>> Layout(t).sentence_span(Span(16, 19)).slice(t)
        'Hai có 5 tổ; 6 đội.'
        """
        begin = self.sentence(span.begin)[0]
        return Span(begin, max(self.sentence(max(span.begin, span.end - 1))[1], span.end))

    def sentence_start(self, pos: int) -> int:
        """Where the sentence around ``pos`` starts."""
        return self.sentence_starts[max(bisect_right(self.sentence_starts, pos) - 1, 0)]
