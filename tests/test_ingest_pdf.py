"""The PDF route: a PDF typeset here with reportlab, ingested to TEI.

The fixture prints a two-page article as Turkish journals do: page 233 with
its number alone at the foot, a title, a heading, a paragraph with a
superscript note marker and its footnote in smaller type; page 234 with a
running head (number left, journal right), two columns, a paragraph that
goes on from page 233 with a word hyphenated across the page, a numbered
heading, a second note with a plain-digit label. Every assertion is about
what was typeset, so the test fails when the route loses or moves any of it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import reportlab
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ingest_helpers import printed_text
from lxml import etree
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from edition.cli import main
from edition.errors import InputError
from edition.ingest import ingest_file
from edition.ingest.pdf import Glyph, Line, Row, extract

T = "{http://www.tei-c.org/ns/1.0}"
FONTS = Path(reportlab.__file__).parent / "fonts"
W, H = 595.0, 842.0
JOURNAL = "Deneme Dergisi, Cilt 4, Sayı 2"

P1 = ("XIX. yüzyılın başlarında Kafkasya’yı işgal eden Çarlık Rusya’nın asıl hedefi, zengin yeraltı "
      "kaynaklarına sahip Azerbaycan topraklarını ele geçirmek olmuştur.")
P2_PAGE1 = "Bu dönemde Avrupa üniversitelerinde eğitim görmüş aydınlar dikkat çekicidir ve"
P2_PAGE2 = "sömürge politikalarını gerçekleştirmek isteyen Rusya bu hedefi doğrultusunda çalışmıştır."
P3 = ("Şubat İhtilali sonrasında Bakü’de yeni bir dönem başlamış, Bolşevikler ile Taşnaklar arasında "
      "kurulan işbirliği sonucunda şehir yönetimi kısa sürede değişmiştir.")
NOTE1 = "Elçin Neciyev, Kafkaslarda Türk Katliamı, İstanbul, 2006, s. 17-19."
NOTE2 = "ACSPİHDA, f. 277, d. 2, iş. 16, s. 18."


def _register() -> None:
    pdfmetrics.registerFont(TTFont("Vera", str(FONTS / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONTS / "VeraBd.ttf")))


def _words(c: canvas.Canvas, x: float, y: float, text: str, font: str = "Vera", size: float = 10,
           width: float | None = None) -> float:
    """Draw word by word (no space glyphs, as most PDFs), justified to
    ``width`` when given; return the end x."""
    words = text.split()
    space = pdfmetrics.stringWidth(" ", font, size)
    if width is not None and len(words) > 1:
        assert pdfmetrics.stringWidth(text, font, size) <= width, "the fixture's line is too long"
        space = (width - sum(pdfmetrics.stringWidth(w, font, size) for w in words)) / (len(words) - 1)
    for k, word in enumerate(words):
        if k:
            x += space
        c.setFont(font, size)
        c.drawString(x, y, word)
        x += pdfmetrics.stringWidth(word, font, size)
    return x


def _sup(c: canvas.Canvas, x: float, y: float, label: str) -> float:
    c.setFont("Vera", 6)
    c.drawString(x, y + 4, label)
    return x + pdfmetrics.stringWidth(label, "Vera", 6)


def _lines(text: str, width: float, size: float = 10) -> list[str]:
    out, cur = [], ""
    for word in text.split():
        trial = (cur + " " + word).strip()
        if cur and pdfmetrics.stringWidth(trial, "Vera", size) > width:
            out.append(cur)
            cur = word
        else:
            cur = trial
    return out + [cur]


def make_article(path: Path, marker: bool = True) -> None:
    _register()
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    # Page 233: number at the foot, one column.
    c.setFont("Vera", 8)
    c.drawCentredString(W / 2, 30, "233")
    c.setFont("Vera-Bold", 14)
    c.drawCentredString(W / 2, 770, "Bakü Katliamı Gerçeği")
    y = 730
    c.setFont("Vera-Bold", 10)
    c.drawString(60, y, "Giriş")
    y -= 20
    lines = _lines(P1, 470)
    for k, line in enumerate(lines):
        last = k == len(lines) - 1
        x = _words(c, 60 + (15 if k == 0 else 0), y, line, width=None if last else 470 - (15 if k == 0 else 0))
        if last and marker:
            _sup(c, x, y, "1")
        y -= 12.5
    y -= 2
    # The page ends inside a paragraph: its last line is full, the word hyphenated.
    _words(c, 75, y, P2_PAGE1 + " Kafkas-", width=455)
    c.setLineWidth(0.4)
    c.line(60, 90, 200, 90)
    x = _sup(c, 60, 78, "1")
    _words(c, x + 1, 78, NOTE1, size=7)
    c.showPage()
    # Page 234: running head, two columns.
    c.setFont("Vera", 8)
    c.drawString(60, 800, "234")
    c.drawRightString(W - 60, 800, JOURNAL)
    left = _lines("ya’nın " + P2_PAGE2, 225)
    y = 760
    for k, line in enumerate(left):
        _words(c, 60, y, line, width=None if k == len(left) - 1 else 225)
        y -= 12.5
    y -= 8
    c.setFont("Vera-Bold", 10)
    c.drawString(60, y, "1. Sonuç")
    right = _lines(P3, 225)
    y = 760
    for k, line in enumerate(right):
        last = k == len(right) - 1
        x = _words(c, 310 + (15 if k == 0 else 0), y, line, width=None if last else 225 - (15 if k == 0 else 0))
        if last:
            _sup(c, x, y, "2")
        y -= 12.5
    c.line(60, 90, 200, 90)
    _words(c, 60, 78, "2 " + NOTE2, size=7)
    c.showPage()
    c.save()


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "deneme-makale.pdf"
    make_article(path)
    return path


@pytest.fixture(scope="module")
def tei(article) -> etree._Element:
    return ingest_file(article).tree.getroot()


def _text(el: etree._Element) -> str:
    """Text without the notes (they sit at their anchors)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag != T + "note":
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_pages_are_numbered_as_printed(tei):
    assert [pb.get("n") for pb in tei.iter(T + "pb")] == ["233", "234"]


def test_notes_are_anchored_at_their_markers(tei):
    notes = {n.get("n"): n for n in tei.iter(T + "note")}
    assert sorted(notes) == ["1", "2"]
    assert " ".join("".join(notes["1"].itertext()).split()) == NOTE1
    assert " ".join("".join(notes["2"].itertext()).split()) == NOTE2
    # Each note follows the word its superscript marker was printed after.
    assert (notes["1"].getprevious().tail if notes["1"].getprevious() is not None
            else notes["1"].getparent().text).rstrip().endswith("olmuştur.")
    assert _text(notes["2"].getparent()).rstrip().endswith("değişmiştir.")


def test_headings_paragraphs_and_hyphenation(tei):
    body = tei.find(f"{T}text/{T}body")
    heads = [" ".join(_text(h).split()) for h in body.iter(T + "head")]
    assert heads == ["Giriş", "1. Sonuç"]
    paras = [" ".join(_text(p).split()) for p in body.iter(T + "p")]
    # The paragraph cut by the page (and the hyphen in Kafkas-|ya’nın) is one p again.
    assert paras == [P1, P2_PAGE1 + " Kafkasya’nın " + P2_PAGE2, P3]
    pb = next(p for p in body.iter(T + "p") if p.find(T + "pb") is not None).find(T + "pb")
    assert pb.get("n") == "234" and pb.get("break") == "no"


def test_running_heads_and_page_numbers_are_not_text(tei):
    text = _text(tei.find(T + "text"))
    assert "Deneme Dergisi" not in text and "233" not in text and "234" not in text


def test_every_letter_is_kept(tei):
    expected = "Bakü Katliamı Gerçeği Giriş" + P1 + P2_PAGE1 + "Kafkasya’nın" + P2_PAGE2 + "1. Sonuç" + P3
    got = _text(tei.find(T + "text"))
    assert [c for c in got if not c.isspace()] == [c for c in expected if not c.isspace()]


def test_header_records_the_pdf(tei, article):
    digest = tei.find(f".//{T}sourceDesc//{T}idno[@type='sha256']")
    assert digest.text == hashlib.sha256(article.read_bytes()).hexdigest()
    ref = tei.find(f".//{T}sourceDesc//{T}ref")
    assert ref.get("target") == "../raw/deneme-makale.pdf"
    said = " ".join(tei.find(f".//{T}encodingDesc").itertext())
    assert "pdfminer.six" in said and "two columns on 1 pages" in said and "(233–234)" in said
    assert JOURNAL in said  # the running head, named where it was removed


def test_extraction_layout(article):
    extraction = extract(article.read_bytes(), str(article))
    assert [p.number for p in extraction.pages] == ["233", "234"]
    assert [p.columns for p in extraction.pages] == [1, 2]
    assert extraction.pages[1].head == JOURNAL
    assert "(1) " + NOTE1 in extraction.text.splitlines()
    assert "(2) " + NOTE2 in extraction.text.splitlines()


def test_cli_ingests_a_pdf(article, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(article), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "deneme-makale.xml").exists()


def _encrypted(path: Path) -> None:
    from reportlab.lib import pdfencrypt

    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "Gizli metin")
    c.save()


def _image_only(path: Path) -> None:
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 500, fill=1)  # a page with no text layer, like a scan
    c.save()


def _cut(path: Path, article: Path) -> None:
    path.write_bytes(article.read_bytes()[:3000])


def _not_a_pdf(path: Path) -> None:
    path.write_bytes(b"Bu bir metin, PDF degil.\n")


@pytest.mark.parametrize(
    "make, message",
    [
        (_encrypted, "the PDF is encrypted and needs a password (PDFPasswordIncorrect)"),
        (_image_only, "the PDF has no text layer (1 pages of images only, a scan?)"),
        (_not_a_pdf, "is not a PDF (no %PDF header)"),
    ],
)
def test_bad_pdfs_get_one_line_errors(tmp_path, make, message):
    path = tmp_path / "bozuk.pdf"
    make(path)
    with pytest.raises(InputError) as info:
        ingest_file(path)
    assert info.value.message == message and info.value.path == str(path)
    out = tmp_path / "tei"
    result = CliRunner().invoke(main, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"Error: {path}: {message}")
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


def test_cut_pdf_is_refused(tmp_path, article):
    path = tmp_path / "kesik.pdf"
    _cut(path, article)
    result = CliRunner().invoke(main, ["ingest", str(path), "-o", str(tmp_path / "tei")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: the PDF is incomplete (no %%EOF at its end)")


def test_build_takes_raw_pdfs_one_source_per_id(tmp_path, article):
    import shutil

    from edition.errors import EditionError
    from edition.paths import Project
    from edition.pipeline import raw_texts

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(article, raw / "deneme-makale.pdf")
    (raw / "baska-makale.txt").write_text("Metin.\n", encoding="utf-8")
    project = Project.find(tmp_path)
    assert [p.name for p in raw_texts(project)] == ["baska-makale.txt", "deneme-makale.pdf"]
    assert [p.name for p in raw_texts(project, ("deneme-makale",))] == ["deneme-makale.pdf"]
    (raw / "deneme-makale.txt").write_text("Metin.\n", encoding="utf-8")
    with pytest.raises(EditionError) as info:
        raw_texts(project)
    assert info.value.message == "both a .txt and a .pdf for deneme-makale"


def test_warnings_name_the_pdf_page(tmp_path):
    path = tmp_path / "isaretsiz.pdf"
    make_article(path, marker=False)  # note 1 printed, its marker lost
    result = ingest_file(path)
    [issue] = [w for w in result.warnings if w.rule == "ingest-note-unanchored"]
    assert issue.path == str(path) and issue.line is None
    assert issue.message.startswith("no reference point found for note 1") and issue.message.endswith("(PDF page 1)")


# --- property: whatever the paragraphs, the PDF route keeps every letter -------------

LOWER = "abcçdefgğhıijklmnoöprsştuüvyz"
word = st.text(alphabet=LOWER, min_size=1, max_size=12)
sentence = st.lists(word, min_size=3, max_size=14).map(lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + ".")
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)


def make_pages(path: Path, paragraphs: list[str], per_page: int) -> None:
    """Justified paragraphs, ``per_page`` lines a page, running head and number from page 2."""
    _register()
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    lines = []
    for para in paragraphs:
        broken = _lines(para, 455)
        lines += [(k == 0, k == len(broken) - 1, line) for k, line in enumerate(broken)]
    pages = [lines[k:k + per_page] for k in range(0, len(lines), per_page)]
    for index, page in enumerate(pages):
        if index:
            c.setFont("Vera", 8)
            c.drawString(60, 800, str(100 + index))
            c.drawRightString(W - 60, 800, JOURNAL)
        y = 760
        for first, last, line in page:
            indent = 15 if first else 0
            _words(c, 60 + indent, y, line, width=None if last else 470 - indent)
            y -= 12.5
        c.showPage()
    c.save()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(paragraph, min_size=1, max_size=6), per_page=st.integers(min_value=3, max_value=40))
# Four justified lines on one page whose word spaces line up near the middle:
# once read as two columns, the last line came before the right halves.
@example(paragraphs=["A a a. A a a a a gğfşi a. A a bçzglbsük üiunlnnpöeb hcşcşürhşdfs nmcndtdbdğrr. "
                     "A guozğkşneprm rlgtuehvjhçc a.",
                     "A cdç yfo null hvkoeö yçceşşöybv aagimprryış a aaaaa aaaaaa aaaaa aaaaaaaaa aaaaaaa."],
         per_page=4)
# Two loose lines whose spaces meet in a strip that two other lines each reach
# into a part of: no gutter either.
@example(paragraphs=["A a a.", "Üzüınu şjanvc tlyukpghvnfi. Keiykş i ja ğb jfşjl aergğdm aaaaaaa aaaaaaaaaaa "
                     "aaaaaaaaaaa aaaaaaaaaaa aaaaa. Aa aaaaa aaaaa aaaaaaaaa aaaaaaaaaaa aaaaaaaaaaa. A aa aa aa "
                     "aaaaa aaaaa aaaaa aaaaaaaa aaaaaaaaaa aaaaaaa. Aaaaaaaaaa a a."],
         per_page=4)
def test_property_every_letter_kept(tmp_path, paragraphs, per_page):
    path = tmp_path / "uretilmis.pdf"
    make_pages(path, paragraphs, per_page)
    root = ingest_file(path).tree.getroot()
    # As printed: a repair's orig, not its reg (tests/ingest_helpers.py).
    got = "".join(printed_text(root.find(T + "text")).itertext())
    assert [ch for ch in got if ch.isalnum()] == [ch for ch in "".join(paragraphs) if ch.isalnum()]
    pages = -(-sum(len(_lines(p, 455)) for p in paragraphs) // per_page)
    assert [pb.get("n") for pb in root.iter(T + "pb")][1:] == [str(100 + k) for k in range(1, pages)]


def _row(y: float, words: list[tuple[float, float]]) -> Row:
    return Row([Glyph(f"w{k}", x0, x1, y, y + 10, 10, False) for k, (x0, x1) in enumerate(words)], y, 10)


@pytest.mark.parametrize("gap, space", [(8.0, 5.0), (12.0, 12.0)])
def test_word_spaces_lined_up_on_a_short_page_are_no_gutter(gap, space):
    """Lines of one column whose spaces meet in a strip near the middle, with
    aligned words after it, stay whole and in order. A strip narrower than an
    em is no gutter (8 pt in 10 pt type, however much wider than the other
    spaces); nor is one wider than an em where each row's gap there is as wide
    as its other spaces (12 pt: a loose justified line)."""
    from edition.ingest.pdf import PdfOptions, reading_order

    def line(y: float, x0: float, ends: list[float]) -> Row:
        # Words ending at ``ends`` and at 530; the space after the word ending
        # at the strip (282 - gap) is ``gap``, every other one ``space``.
        starts = [x0] + [e + (gap if e == 282 - gap else space) for e in ends]
        return _row(y, list(zip(starts, ends + [530.0], strict=True)))

    rows = [line(760, 75, [180, 282 - gap]),
            line(747.5, 60, [200 - gap, 282 - gap]),
            line(735, 75, [150, 282 - gap, 400]),
            _row(722.5, [(60, 106)])]
    lines, columns = reading_order(rows, PdfOptions())
    assert columns == 1
    assert [(line.text, line.column) for line in lines] == [
        ("w0 w1 w2", 0), ("w0 w1 w2", 0), ("w0 w1 w2 w3", 0), ("w0", 0)]


def test_a_line_across_both_columns_is_read_whole():
    """On a two-column page a line set across the gutter (an abstract) is not
    cut at the word space that happens to be in the middle."""
    from edition.ingest.pdf import PdfOptions, reading_order

    two = [(60, 150), (153, 285), (310, 420), (423, 535)]
    rows = [_row(760, [(60, 200), (204, 295), (299, 535)])] + [_row(740 - 12.5 * k, two) for k in range(4)]
    lines, columns = reading_order(rows, PdfOptions())
    assert columns == 2
    assert [(line.text, line.column) for line in lines] == [("w0 w1 w2", 0)] + [("w0 w1", 0)] * 4 + [("w2 w3", 1)] * 4
    # A left line reaching into the gutter (short of its middle) is still a
    # two-column row: its gap there is wider than an em and than its spaces.
    rows = [_row(760 - 12.5 * k, two) for k in range(9)] + [_row(640, [(60, 150), (153, 293), (310, 535)])]
    lines, columns = reading_order(rows, PdfOptions())
    assert columns == 2
    assert [(line.text, line.column) for line in lines] == [("w0 w1", 0)] * 10 + [("w2 w3", 1)] * 9 + [("w2", 1)]


def test_unmapped_glyphs_are_visible_and_reported(tmp_path):
    from edition.ingest.pdf import Glyph, render_glyphs

    glyphs = [Glyph(t, x, x + 5, 100, 110, 10, False) for t, x in (("a", 0), ("(cid:12)", 5), ("b", 10))]
    assert render_glyphs(glyphs) == "a\ufffdb"
    path = tmp_path / "kontrol.pdf"
    _register()
    c = canvas.Canvas(str(path))
    c.setFont("Vera", 10)
    c.drawString(100, 700, "Metin\x01 burada.")  # a control character from a broken font map
    c.save()
    result = ingest_file(path)
    assert "Metin\ufffd burada." in "".join(result.tree.getroot().find(T + "text").itertext())
    [issue] = [w for w in result.warnings if w.rule == "ingest-pdf-unmapped"]
    assert issue.message.startswith("1 characters have no Unicode mapping")


# --- each step of .pdf alone, on small made-up pages ----------------------------

def _word(text: str, x: float, y: float, size: float = 10, bold: bool = False, sup: bool = False) -> list[Glyph]:
    """One glyph per character, each half an em wide, from x on baseline y."""
    w = 0.5 * size
    return [Glyph(ch, x + k * w, x + (k + 1) * w, y, y + size, size, bold, sup) for k, ch in enumerate(text)]


def _text_row(y: float, *words: tuple[str, float], size: float = 10) -> Row:
    return Row([g for text, x in words for g in _word(text, x, y, size)], y, size)


def test_clean_makes_control_characters_visible_and_keeps_spaces():
    from edition.ingest.pdf import _clean

    assert _clean("a\x01b\ud800c") == "a\ufffdb\ufffdc"
    assert _clean("a b\tc") == "a b\tc"


def test_baselines_group_glyphs_top_to_bottom_by_size_and_height():
    from edition.ingest.pdf import baselines

    glyphs = _word("alt", 100, 500) + _word("üst", 100, 520) + _word("ve", 130, 501) + _word("BÜYÜK", 200, 520, 20)
    rows = baselines(glyphs)
    # Two baselines of 10 pt type (a point of jitter is one baseline) and the
    # 20 pt heading on the upper baseline as a row of its own.
    assert [("".join(g.text for g in sorted(r.glyphs, key=lambda g: g.x0)), r.y0) for r in rows] == [
        ("üst", 520), ("BÜYÜK", 520), ("altve", 501)]


def test_superscript_digits_join_the_row_below_as_markers():
    from edition.ingest.pdf import Row, rows_of

    text = _word("olmuştur.", 100, 500)
    marker = _word("12", text[-1].x1, 504, 6)  # raised, small, touching the word
    far = _word("7", 400, 560, 6)  # small digits with no row just below: text
    rows = rows_of(text + marker + far)
    assert [r.text() for r in rows] == ["7", "olmuştur.12"]
    assert all(g.sup for g in marker) and not any(g.sup for g in far)
    assert isinstance(rows[1], Row) and [g.x0 for g in rows[1].glyphs] == sorted(g.x0 for g in rows[1].glyphs)


def test_render_glyphs_spaces_from_gaps_and_markers_glued():
    from edition.ingest.pdf import render_glyphs

    # A gap over 0.18 em is a space; one under it is kerning.
    assert render_glyphs(_word("Kars", 0, 0) + _word("ve", 22, 0) + _word("Ardahan", 33.5, 0)) == "Kars veArdahan"
    marker = _word("3", 60, 4, 6, sup=True)
    assert render_glyphs(_word("sonra.", 20, 0) + marker) == "sonra.3"
    # A superscript label opening a footnote line is followed by a space.
    assert render_glyphs(_word("1", 0, 4, 6, sup=True) + _word("Yazar", 3.5, 0)) == "1 Yazar"


def test_body_size_is_the_commonest_size_outside_the_edges():
    from edition.ingest.pdf import body_size_of

    head = _text_row(800, ("Kafkas Tarihi Araştırmaları Dergisi Cilt 12", 50), size=8)
    body = _text_row(700, ("Metin", 50), size=10)
    # The head has more glyphs than the body, but it is an edge row.
    assert body_size_of([[head, body]], [[head]]) == 10
    assert body_size_of([[head, body]], [[]]) == 8


def test_edge_rows_are_set_apart_at_the_top_or_foot():
    from edition.ingest.pdf import PdfOptions, _edge_rows

    top, near, foot = _text_row(800, ("Baş", 50)), _text_row(760, ("Metin", 50)), _text_row(40, ("233", 50))
    assert _edge_rows([top, near, foot], 842, PdfOptions()) == [top, foot]
    # A first row close to the next one is the text's first line.
    assert _edge_rows([top, _text_row(790, ("Metin", 50)), foot], 842, PdfOptions()) == [foot]
    assert _edge_rows([top], 842, PdfOptions()) == []


def test_number_candidates_weigh_the_number_set_apart():
    from edition.ingest.pdf import PdfOptions, _number_candidates

    head = _text_row(800, ("Dergi,", 50), ("Sayı", 85), ("2", 110), ("233", 500))
    assert _number_candidates(head, PdfOptions()) == {"233": 3}
    assert _number_candidates(_text_row(800, ("12", 50), ("Kafkasya", 65)), PdfOptions()) == {"12": 1}
    assert _number_candidates(_text_row(800, ("Kafkasya", 50)), PdfOptions()) == {}


def test_page_number_offset_follows_the_weighted_majority():
    from edition.ingest.pdf import PdfPage, page_number_offset

    pages = [PdfPage(k) for k in (1, 2, 3)]
    # Pages print 233, 234 (set apart) and a stray "2019" inside a head.
    candidates = [[{"233": 3}], [{"234": 3, "2019": 1}], [{"2019": 1}]]
    assert page_number_offset(pages, candidates) == 232
    assert page_number_offset(pages, [[], [], []]) is None


def test_running_heads_take_the_agreeing_number_or_a_recurring_head():
    from collections import Counter

    from edition.ingest.pdf import PdfPage, RunningHeads

    heads = RunningHeads(232, Counter({"Dergi, Cilt , Sayı": 2, "Bir başlık": 1}))
    page = PdfPage(2)
    edge = _text_row(800, ("x", 50))
    rows = [edge, _text_row(700, ("Metin", 50))]
    assert heads.take(page, rows, edge, "Dergi, Cilt 1, Sayı 2 234", {"234": 3, "2": 1}) == "Dergi, Cilt 1, Sayı 2"
    assert page.number == "234" and rows[0] is not edge
    # No agreeing number: a top row stays text unless its text recurs.
    other = PdfPage(3)
    first = _text_row(800, ("y", 50))
    rows = [first, _text_row(700, ("Metin", 50))]
    assert heads.take(other, rows, first, "Bir başlık", {}) is None and rows[0] is first
    assert heads.take(other, rows, first, "Dergi, Cilt 3, Sayı 4", {}) == "Dergi, Cilt 3, Sayı 4"
    assert heads.counted(other) == "235" and RunningHeads(-5, Counter()).counted(other) is None


def test_without_takes_the_number_off_either_end_only():
    from edition.ingest.pdf import _without

    assert _without("233 Kafkasya", "233") == "Kafkasya"
    assert _without("Kafkasya 233", "233") == "Kafkasya"
    assert _without("Sayı 233 Kafkasya", "233") == "Sayı 233 Kafkasya"


def test_widest_free_run_is_looked_for_in_the_middle_only():
    from edition.ingest.pdf import _widest_run

    counts = [0] * 3 + [5] * 3 + [0, 0, 5, 0, 0, 0, 5] + [5] * 4 + [0] * 3
    run = _widest_run(counts, 1)
    assert run == (9, 12)  # the widest in bins 6..13, not the free bins at the edges
    assert all(counts[b] <= 1 for b in range(*run))
    assert _widest_run([5] * 20, 1) is None


def test_coverage_counts_rows_once_per_bin():
    from edition.ingest.pdf import GUTTER_BIN, _coverage

    rows = [_text_row(700, ("ab", 0)), _text_row(690, ("a", 0), ("b", 20))]
    counts = _coverage(rows, 0, 30)
    assert len(counts) == int(30 / GUTTER_BIN) + 1
    assert counts[0] == 2 and counts[4] == 1 and counts[7] == 0 and counts[10] == 1


def _two_columns(lines: int, gutter: tuple[float, float] = (285, 310)) -> list[Row]:
    return [_text_row(760 - 12.5 * k, ("soldaki", 60), ("satır", 100), ("sağdaki", gutter[1]), ("satır", 350))
            for k in range(lines)]


def test_gutter_needs_rows_on_both_sides_and_an_aligned_right_edge():
    from edition.ingest.pdf import PdfOptions, Strip, _gutter, _right_column_aligned, _text_on_both_sides

    rows = _two_columns(6)
    found = _gutter(rows, 60, 375, PdfOptions())
    assert found is not None and 125 <= found[0] < found[1] <= 310
    strip = Strip(*found, 1)
    assert _text_on_both_sides(rows, strip) and _right_column_aligned(rows, strip)
    # Right parts starting anywhere: no column edge, no gutter.
    ragged = [_text_row(760 - 12.5 * k, ("sol", 60), ("sağ", 310 + 9 * k)) for k in range(6)]
    assert not _right_column_aligned(ragged, Strip(*found, 1))
    # Too few rows to tell.
    assert _gutter(rows[:3], 60, 375, PdfOptions()) is None


def test_rows_crossing_a_strip_with_text_or_a_word_space():
    from edition.ingest.pdf import PdfOptions, Strip, _rows_crossing

    strip = Strip(200, 240, 1)
    through = _text_row(700, ("uzun", 150), ("başlık", 205))  # text inside the strip
    apart = _text_row(690, ("sol", 60), ("sağ", 260))  # a wide gap over it
    assert _rows_crossing([through, apart], strip, PdfOptions()) == 1


def test_bands_cut_rows_at_the_gutter_and_keep_crossing_rows_whole():
    from edition.ingest.pdf import PdfOptions, _bands, _column_edges, _crosses

    title = _text_row(780, ("Başlık", 280))
    rows = _two_columns(2) + [title] + _two_columns(1)
    assert _crosses(title, 297, PdfOptions()) and not _crosses(rows[0], 297, PdfOptions())
    bands = _bands(rows, 297, PdfOptions())
    assert [[(r.text(), c) for r, c in band] for band in bands] == [
        [("soldaki satır", 0), ("sağdaki satır", 1)] * 2, [("Başlık", 0)], [("soldaki satır", 0), ("sağdaki satır", 1)]]
    edges = _column_edges(bands)
    # The crossing row is read with the left column, and measured with it.
    assert edges[0] == (60, 310) and edges[1] == (310, 375)


def test_lines_measure_gap_indent_and_short_ends_in_their_column():
    from edition.ingest.pdf import PdfOptions, _lines

    rows = [_text_row(700, ("Birinci", 60), ("satır", 100), ("burada", 130)),
            _text_row(688, ("kısa", 60)),
            _text_row(670, ("Girintili", 70), ("satır", 120), ("buradaki", 150)),
            _text_row(658, ("son", 60))]
    lines = _lines(rows, 0, (60, 190), PdfOptions())
    assert [(ln.text, ln.indent, ln.short) for ln in lines] == [
        ("Birinci satır burada", 0, False), ("kısa", 0, True), ("Girintili satır buradaki", 10, False),
        ("son", 0, True)]
    # Gaps in leadings: 12 pt is the usual distance here, 18 pt is 1.5 of it.
    assert [ln.gap for ln in lines] == [0, 1.0, 1.5, 1.0]


def _line(text: str, indent: float = 0.0, size: float = 10, bold: bool = False, gap: float = 1.0,
          short: bool = False, column: int = 0) -> Line:
    return Line(text, 60 + indent, 0, size, bold, column, indent, gap, short)


def test_note_sequence_opens_only_the_next_label():
    from edition.ingest.pdf import NoteSequence

    sequence = NoteSequence()
    assert sequence.opening("1 Yazar, Kitap.") == ("1", "Yazar, Kitap.")
    assert sequence.opening("3 Başka.") is None  # out of sequence: text going on
    assert sequence.opening("2. Başka.") == ("2", "Başka.")
    assert sequence.opening("* Yazar hakkında.") == ("*", "Yazar hakkında.")
    assert sequence.opening("* Yine.") is None
    assert sequence.opening("3") is None  # a label with no text


def test_notes_go_on_across_pages_and_small_type_before_them_is_body():
    from edition.ingest.pdf import PdfOptions, PdfPage, _notes

    one, two = PdfPage(1), PdfPage(2)
    one.notes = [_line("küçük yazı", size=8), _line("1 Birinci not"), _line("devamı"),
                 _line("İkinci paragraf", indent=8)]
    two.notes = [_line("önceki sayfadan"), _line("2 İkinci not")]
    notes = _notes([one, two], PdfOptions())
    assert [line.text for line in one.body] == ["küçük yazı"]
    # The first line of page 2 goes on with the last paragraph of note 1.
    assert [(n.label, n.paragraphs) for n in notes[1]] == [
        ("1", [["Birinci not", "devamı"], ["İkinci paragraf", "önceki sayfadan"]])]
    assert [(n.label, n.page) for n in notes[2]] == [("2", 2)]


@pytest.mark.parametrize("line, prev, same_page, starts", [
    (_line("metin"), None, False, True),
    (_line("metin"), _line("Başlık", bold=True), True, True),
    (_line("metin", gap=1.6), _line("önceki"), True, True),
    (_line("metin", gap=1.6), _line("önceki"), False, False),  # the gap is measured on the page before
    (_line("metin"), _line("önceki", short=True), True, True),
    (_line("metin", indent=8), _line("önceki"), True, True),
    (_line("metin"), _line("önceki"), True, False),
    (_line("Başlık", bold=True, indent=8), _line("Bölüm", bold=True), True, False),
])
def test_starts_block(line, prev, same_page, starts):
    from edition.ingest.pdf import PdfOptions, starts_block

    assert starts_block(line, prev, same_page, 10, PdfOptions()) is starts


def test_head_lines_number_the_first_page_from_the_others():
    from edition.ingest.pdf import PdfPage, head_lines

    page = PdfPage(1, head="Dergi", number=None, counted="233")
    assert head_lines(page, first=True) == ["Dergi", "", "233", ""]
    assert head_lines(page, first=False) == ["Dergi", ""]
    assert head_lines(PdfPage(2, number="234"), first=False) == ["234", ""]


def test_note_block_joins_the_last_notes_paragraphs_when_notes_follow():
    from edition.ingest.pdf import Note, note_block

    notes = [Note("1", [["Bir", "iki"], ["üç"]], 1), Note("2", [["dört"], ["beş"]], 1)]
    assert note_block(notes, notes_follow=False) == ["(1) Bir", "iki", "", " üç", "", "(2) dört", "", " beş"]
    # No blank line inside the page's last note: it would end the note block.
    assert note_block(notes, notes_follow=True) == ["(1) Bir", "iki", "", " üç", "(2) dört", "beş"]


def test_notes_follow_looks_at_later_pages_only():
    from edition.ingest.pdf import Note, PdfPage, _notes_follow

    pages = [PdfPage(k) for k in (1, 2, 3)]
    notes = {1: [], 2: [Note("1", [["x"]], 2)], 3: []}
    assert _notes_follow(pages, notes) == {1: True, 2: False, 3: False}


def test_raw_writer_hides_the_head_of_a_page_that_goes_on_with_a_paragraph():
    from edition.ingest.pdf import PdfOptions, PdfPage, RawWriter

    one = PdfPage(1, head="Dergi", number="233", body=[_line("Paragraf başlar")])
    two = PdfPage(2, head="Yazar", number="234", body=[_line("ve sürer.", short=True)])
    three = PdfPage(3, head="Dergi", number="235", body=[_line("Yeni paragraf", indent=8)])
    writer = RawWriter(10, PdfOptions())
    for k, page in enumerate((one, two, three)):
        writer.page(page, [], False, first=k == 0)
    assert writer.text().split("\n") == ["Dergi", "", "233", "", "Paragraf başlar", "\f", "ve sürer.", "",
                                         "\f", "Dergi", "", "235", "", "Yeni paragraf", ""]
    pages = writer.line_pages()
    assert pages[1] == 1 and pages[7] == 2 and pages[len(pages)] == 3


def test_reading_statement_says_what_was_recognised():
    from edition.ingest.pdf import Extraction, PdfPage, reading_statement

    pages = [PdfPage(1, head="Dergi", number="29", columns=2), PdfPage(2, number="30")]
    statement = reading_statement(Extraction("", pages, {}, 9.5, notes=3, superscripts=4))
    assert statement == ("The text was extracted from the PDF (2 pages) with pdfminer.six, reading each character's "
                         "size and position: body type 9.5 pt; two columns on 1 pages, read left column first; "
                         "running heads on 1 pages removed; printed page numbers on 2 pages (29–30); 3 footnotes "
                         "read from the smaller type at the page foot; note markers read from superscript digits.")
    bare = reading_statement(Extraction("", [PdfPage(1)], {}, 10))
    assert bare.endswith("body type 10 pt.")


def test_page_warnings_name_the_empty_page_and_count_unmapped_glyphs():
    from edition.ingest.pdf import PdfPage, empty_page_warnings, unmapped_warnings

    [empty] = empty_page_warnings([PdfPage(1, body=[_line("x")]), PdfPage(2)], "a.pdf")
    assert (empty.rule, empty.path) == ("ingest-pdf-empty-page", "a.pdf") and "PDF page 2" in empty.message
    assert unmapped_warnings("temiz metin", "a.pdf") == []
    [unmapped] = unmapped_warnings("a\ufffdb\ufffd", "a.pdf")
    assert unmapped.message.startswith("2 characters")
