"""Reading and cleaning articles: every text here was written for these tests."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from communique import cli, ingest
from communique.ingest import InputError, article_from_text, article_id, read_inputs
from communique.model import Analysis, Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BAD = SHARED / "corpora" / "bad"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is not here")

# A short article in the form of a scraped news page: headline, dateline, quotes, two credits on
# one line, then the page's comment form.
PARAGRAPHS = [
    "Officials from Norway and Iceland met in Reykjavik on Tuesday to discuss fishing quotas in the North Atlantic, the Norwegian Foreign Ministry said.",
    "“We need a fair share of the catch for our coastal towns,” said Foreign Minister Kari Lunde of Norway, who led the talks.",
    "Iceland’s fisheries minister, Jon Einarsson, said his government would publish its own estimate of the stocks next month.",
]
HEADLINE = "Norway and Iceland Resume Talks on Fishing Quotas"
PAGE = (
    f"{HEADLINE}\n\n\n"
    f"REYKJAVIK, Iceland — {PARAGRAPHS[0]}\n\n"
    f"{PARAGRAPHS[1]}\n\n"
    f"{PARAGRAPHS[2]}\n\n"
    "Erik Dahl contributed reporting from Oslo. Sara Lind contributed research from Bergen.\n\n\n\n"
    "Source link\n\n"
    "Leave a Reply\n\n"
    "Your email address will not be published. Required fields are marked *\n"
)
BODY = "\n\n".join([PARAGRAPHS[0], *PARAGRAPHS[1:]])

# The same story as a short page for the readers.
STORY = (
    "Portuguese and Spanish Ministers Agree on River Flows\n\n"
    "LISBON — The environment ministers of Portugal and Spain agreed on Monday to release more water into the Tagus River during the summer, officials said.\n\n"
    "“This is good news for the farmers on both banks,” said Minister Helena Costa of Portugal. Her Spanish counterpart said the deal would be reviewed in two years.\n\n"
    "Environmental groups welcomed the agreement on Tuesday.\n"
)
SPANISH = (
    "Los ministros de Portugal y España acordaron el lunes liberar más agua en el río Tajo durante el verano, "
    "según fuentes oficiales. «Es una buena noticia para los agricultores de las dos orillas», dijo la ministra "
    "portuguesa, que también señaló que el acuerdo será revisado dentro de dos años por los dos gobiernos.\n"
)
FRENCH = (
    "Les ministres du Portugal et de l’Espagne se sont mis d’accord lundi pour libérer plus d’eau dans le Tage "
    "pendant l’été, selon des sources officielles. « C’est une bonne nouvelle pour les agriculteurs des deux rives », "
    "a déclaré la ministre portugaise, qui a aussi dit que l’accord sera revu dans deux ans par les gouvernements.\n"
)
GERMAN = (
    "Die Umweltminister von Portugal und Spanien haben sich am Montag darauf geeinigt, im Sommer mehr Wasser in den "
    "Tajo zu leiten, wie die Behörden mitteilten. Das ist eine gute Nachricht für die Bauern auf beiden Seiten, sagte "
    "die portugiesische Ministerin, die auch erklärte, dass das Abkommen in zwei Jahren überprüft wird.\n"
)
HTML_PAGE = """<!doctype html><html><head><title>Ghana and Togo Open Joint Border Post | Example Daily</title>
<meta property="article:published_time" content="2024-05-06T09:00:00Z"><meta name="author" content="Kofi Mensah"></head>
<body><nav><a href="/">Home</a><a href="/world">World</a><a href="/subscribe">Subscribe</a></nav>
<article><h1>Ghana and Togo Open Joint Border Post</h1><p class="byline">By Kofi Mensah</p>
<p>ACCRA — Ghana and Togo opened a joint border post at Aflao on Monday, and the interior ministers of both countries said it would cut waiting times for traders.</p>
<p>“Goods will now be checked once instead of twice,” Ghana’s interior minister, Ama Boateng, told reporters at the ceremony.</p>
<p>The Economic Community of West African States praised the project on Tuesday.</p>
<p><em>Yaw Asante contributed reporting from Lomé.</em></p></article>
<aside class="related"><h2>Related</h2><a href="/x">Traders return to Aflao market</a></aside>
<section id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p>
<form><textarea></textarea><button>Post Comment</button></form></section>
<script>window.tracker = 1;</script><footer>© Example Daily</footer></body></html>"""


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def read_all(*paths: str, **kwargs) -> list[Article | InputError]:
    return list(read_inputs(list(paths), **kwargs))


def errors(items: list) -> list[str]:
    return [str(item) for item in items if isinstance(item, InputError)]


def articles(items: list) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


# ---------------------------------------------------------------------------------------- cleaning


def test_page_is_split_into_title_dateline_credits_and_body():
    article = article_from_text(PAGE)
    assert article.title == HEADLINE
    assert article.dateline == "REYKJAVIK, Iceland"
    assert article.credits == [
        "Erik Dahl contributed reporting from Oslo.",
        "Sara Lind contributed research from Bergen.",
    ]
    assert article.body == BODY
    for furniture in ("Source link", "Leave a Reply", "Your email address", "Required fields", HEADLINE):
        assert furniture not in article.body


def test_the_same_article_read_twice_has_the_same_id():
    assert article_from_text(PAGE).id == article_from_text(PAGE.replace("\n", "\r\n")).id == article_id(BODY)
    assert article_from_text(PAGE, id="feed-7").id == "feed-7"
    assert article_from_text(STORY).id != article_from_text(PAGE).id


def test_paragraph_white_space_is_normalized_and_words_kept():
    text = "Talks Resume in Geneva\n\n  Delegates   from Armenia\nand  Azerbaijan met\tin Geneva on Friday, diplomats said.  \n\n\n  The talks will continue on Monday.  \n"
    article = article_from_text(text)
    assert (
        article.body
        == "Delegates from Armenia and Azerbaijan met in Geneva on Friday, diplomats said.\n\nThe talks will continue on Monday."
    )


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("BEIJING — ", "BEIJING"),
        ("WASHINGTON (Reuters) - ", "WASHINGTON"),
        ("KYIV, Ukraine — ", "KYIV, Ukraine"),
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — ", "HEMPSTEAD, N.Y."),
        ("NEWPORT NEWS, Va. -- ", "NEWPORT NEWS, Va."),
        ("ISLAMABAD/KABUL ― ", "ISLAMABAD/KABUL"),
    ],
)
def test_dateline_is_taken_out_of_the_first_paragraph(opening, dateline):
    sentence = "Officials from the two countries met on Tuesday to discuss trade, a spokesman said."
    article = article_from_text(f"Trade Talks Open\n\n{opening}{sentence}\n\nThe talks will continue.")
    assert article.dateline == dateline
    assert article.body.startswith(sentence)


def test_capitals_opening_a_sentence_are_not_a_dateline():
    text = "NATO — the alliance of 32 countries — said on Monday that it would hold exercises in Norway in March."
    article = article_from_text(text)
    assert article.dateline is None
    assert article.body == text


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By JANE DOE", "JANE DOE"),
        ("By Maria Lopez, Tom Baker and Ana Silva", "Maria Lopez, Tom Baker and Ana Silva"),
    ],
)
def test_byline_line_is_recognised(line, byline):
    article = article_from_text(
        f"Flooding Closes Roads in Bavaria\n\n{line}\n\nHeavy rain closed dozens of roads in southern Germany on Sunday, the police said."
    )
    assert article.byline == byline
    assert article.title == "Flooding Closes Roads in Bavaria"
    assert article.body == "Heavy rain closed dozens of roads in southern Germany on Sunday, the police said."


def test_a_sentence_starting_with_by_is_not_a_byline():
    text = "Border Reopens\n\nBy Monday, the troops had withdrawn from the border, the ministry said.\n\nTrade resumed on Tuesday."
    article = article_from_text(text)
    assert article.byline is None
    assert article.body.startswith("By Monday, the troops had withdrawn")


@pytest.mark.parametrize(
    "credit",
    [
        "Reporting by Jane Doe; Editing by John Roe",
        "(Reporting by Jane Doe in Nairobi; Additional reporting by Tom Baker; Editing by Ana Silva.)",
        "Associated Press writer Jane Roe in Paris contributed to this report.",
        "Olivia Lee contributed research from Hong Kong.",
        "Murtaza Khan of the Urdu Service contributed to this report from Quetta.",
        "This story originated in the network's Somali Service.",
    ],
)
def test_credit_lines_are_recognised(credit):
    article = article_from_text(STORY + "\n" + credit + "\n")
    assert article.credits == [credit]
    assert credit not in article.body
    assert article.body.endswith("Environmental groups welcomed the agreement on Tuesday.")


def test_a_trailing_credit_sentence_is_split_off_a_single_paragraph():
    text = "Ministers from Chile and Peru met in Lima on Monday and agreed to open a new border crossing. The crossing will open in June, they said. Ana Ruiz and Luis Soto contributed to this report."
    article = article_from_text(text)
    assert article.credits == ["Ana Ruiz and Luis Soto contributed to this report."]
    assert (
        article.body
        == "Ministers from Chile and Peru met in Lima on Monday and agreed to open a new border crossing. The crossing will open in June, they said."
    )


# Endings that look like furniture or credits but are sentences of the article.
TRICKY_ENDINGS = [
    "Related talks on fishing rights are expected in Vienna next month, the ministry said.",
    "“If you leave a reply on our website, we will read every one of them,” the minister said.",
    "Investors rushed to subscribe to the new bond, and the share price of the state bank rose.",
    "Several governments contributed to this report, which the United Nations will publish in May.",
    "Share prices in Oslo fell after the announcement.",
    "Subscribe to the principle of free trade, he told the delegates, or leave the talks.",
]


@pytest.mark.parametrize("ending", TRICKY_ENDINGS)
def test_no_sentence_of_the_article_is_dropped(ending):
    text = STORY + "\n" + ending + "\n\nSource link\n\nLeave a Reply\n"
    article = article_from_text(text)
    assert article.body.endswith(ending)
    assert article.credits == []
    assert "Source link" not in article.body and "Leave a Reply" not in article.body


def test_credit_like_sentence_inside_the_body_stays():
    news = "Jane Roe contributed reporting to the commission’s inquiry in 2019, officials said."
    text = STORY.replace("Environmental groups", news + "\n\nEnvironmental groups")
    article = article_from_text(text)
    assert news in article.body
    assert article.credits == []


def test_every_sentence_survives_cleaning_of_a_page_with_furniture_on_both_ends():
    sentences = [
        "Related: the ministers of Brazil and Argentina met in Buenos Aires on Friday.",
        "They signed a memorandum on energy trade, the Brazilian Foreign Ministry said.",
        "“Share the gas, share the future,” read a banner outside the ministry.",
        "Read more about the deal, the ministry told reporters, on its website next week.",
        "Advertisement revenue of state broadcasters was also discussed.",
    ]
    page = (
        "Skip to content\nHome > World > Americas\n\nBrazil and Argentina Sign Energy Memorandum\n\nBy CARLOS PEREIRA\n"
        "Updated 6:40 PM, June 4, 2024\n\n"
        + "\n\n".join(sentences[:3])
        + "\n\nAdvertisement\n\n"
        + "\n\n".join(sentences[3:])
        + "\n\nShare this:\nFacebook\nTwitter\n\nRelated\n\nArgentine peso slips again\n\nBrazil's central bank holds rates\n\nSubscribe\n"
    )
    article = article_from_text(page)
    assert article.title == "Brazil and Argentina Sign Energy Memorandum"
    assert article.byline == "CARLOS PEREIRA"
    assert article.body == "\n\n".join(sentences)


def test_a_short_last_line_without_a_list_heading_stays():
    article = article_from_text(STORY + "\nThe ministers will meet again in Madrid\n\nSource link\n")
    assert article.body.endswith("The ministers will meet again in Madrid")


def test_given_title_replaces_a_repeated_headline():
    text = "Obama Visits Hanoi.\n\nPresident Obama arrived in Hanoi on Sunday for a three-day visit, officials said."
    article = article_from_text(text, title="Obama Visits Hanoi")
    assert article.title == "Obama Visits Hanoi"
    assert article.body == "President Obama arrived in Hanoi on Sunday for a three-day visit, officials said."


@pytest.mark.parametrize("text", [STORY, STORY.replace("\n\nLISBON", "\nBy Ana Lima\n\nLISBON")])
def test_body_and_id_do_not_depend_on_a_given_title(text):
    plain, titled = article_from_text(text), article_from_text(text, title="River deal")
    assert (plain.title, titled.title) == (
        "Portuguese and Spanish Ministers Agree on River Flows",
        "River deal",
    )
    assert (titled.body, titled.id, titled.byline) == (plain.body, plain.id, plain.byline)


def test_given_title_keeps_a_first_paragraph_that_is_a_sentence():
    text = "Officials met in Geneva on Monday.\n\nThe talks ended without an agreement, diplomats said."
    article = article_from_text(text, title="Geneva talks")
    assert article.body.startswith("Officials met in Geneva on Monday.")


def test_text_with_one_paragraph_per_line_keeps_its_paragraphs():
    text = "Storm Hits Coast\nA storm hit the coast of Mozambique on Sunday, officials said.\nThousands of people were moved to shelters.\nThe government asked for help.\n"
    article = article_from_text(text)
    assert article.title == "Storm Hits Coast"
    assert article.body.split("\n\n") == [
        "A storm hit the coast of Mozambique on Sunday, officials said.",
        "Thousands of people were moved to shelters.",
        "The government asked for help.",
    ]


def test_lines_ending_sentences_are_paragraphs_and_wrapped_lines_are_joined():
    text = (
        "Storm Hits Coast\n\nA storm hit the coast of Mozambique on Sunday.\nThousands of people were moved to shelters.\n\n"
        "The government asked the United Nations\nfor help on Monday, a spokesman said.\n"
    )
    assert article_from_text(text).body.split("\n\n") == [
        "A storm hit the coast of Mozambique on Sunday.",
        "Thousands of people were moved to shelters.",
        "The government asked the United Nations for help on Monday, a spokesman said.",
    ]


def test_published_is_normalized_or_dropped_with_a_warning():
    assert article_from_text(STORY, published="2024-05-06T09:00:00Z").published == "2024-05-06"
    assert article_from_text(STORY, published="Mon, 06 May 2024 09:00:00 GMT").published == "2024-05-06"
    assert article_from_text(STORY, published="May 6, 2024").published == "2024-05-06"
    article = article_from_text(STORY, published="yesterday-ish")
    assert article.published is None
    assert article.warnings == ["ignored the date 'yesterday-ish': not a date"]


# ----------------------------------------------------------------------------------------- readers


def test_plain_text_file(tmp_path):
    (article,) = read_all(write(tmp_path, "story.txt", STORY))
    assert article.title == "Portuguese and Spanish Ministers Agree on River Flows"
    assert article.dateline == "LISBON"
    assert len(article.body.split("\n\n")) == 3
    assert article.source == str(tmp_path / "story.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_and_blank_files_are_errors(tmp_path, content):
    path = write(tmp_path, "empty.txt", content)
    assert errors(read_all(path)) == [f"{path}: empty"]


def test_random_bytes_are_not_text(tmp_path):
    data = bytes((i * 7919 + 13) % 256 for i in range(4096))  # every byte value, NULs included
    path = write(tmp_path, "binary-named.txt", data)
    assert errors(read_all(path)) == [f"{path}: not text (binary data)"]


def test_latin1_is_detected_without_mojibake(tmp_path):
    path = write(tmp_path, "latin1.txt", STORY.replace("Helena Costa", "Helena Costé").encode("cp1252"))
    (article,) = read_all(path)
    assert "Minister Helena Costé of Portugal" in article.body
    assert "Ã" not in article.body and "\ufffd" not in article.body
    assert article.warnings == ["not UTF-8: read as Windows-1252 (Latin-1)"]


def test_utf16_with_bom(tmp_path):
    (article,) = read_all(write(tmp_path, "utf16.txt", STORY.encode("utf-16")))
    assert article.body == article_from_text(STORY).body


def test_utf8_bom_and_windows_line_ends_leave_no_trace(tmp_path):
    data = b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode("utf-8")
    (article,) = read_all(write(tmp_path, "bom-crlf.txt", data))
    assert article.title == "Portuguese and Spanish Ministers Agree on River Flows"
    assert "\ufeff" not in article.body + article.title and "\r" not in article.body
    assert article.body == article_from_text(STORY).body


def test_double_encoded_utf8_is_repaired(tmp_path):
    data = STORY.replace("Helena Costa", "Helena Costé").encode("utf-8")
    # read once as Windows-1252 (Latin-1 where it has no character) and saved again as UTF-8
    broken = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)
    (article,) = read_all(write(tmp_path, "mojibake.txt", broken))
    assert article.body == article_from_text(STORY.replace("Helena Costa", "Helena Costé")).body
    assert article.warnings == ["repaired double-encoded UTF-8 (mojibake)"]


@pytest.mark.parametrize(("text", "language"), [(SPANISH, "Spanish"), (FRENCH, "French"), (GERMAN, "German")])
def test_non_english_articles_are_skipped(tmp_path, text, language):
    path = write(tmp_path, "foreign.txt", text)
    assert errors(read_all(path)) == [f"{path}: not English (looks like {language})"]


def test_non_latin_script_is_named(tmp_path):
    path = write(
        tmp_path,
        "ru.txt",
        "Министры иностранных дел двух стран встретились в понедельник в Москве и обсудили торговлю.\n",
    )
    assert errors(read_all(path)) == [f"{path}: not English (looks like Cyrillic script)"]


def test_markup_in_a_text_file_is_text(tmp_path):
    text = 'Minister <script>alert(1)</script> Visits\n\nThe foreign minister of France, <img src=x onerror=alert(2)>, visited Berlin on Monday. "We agree on <b>everything</b>," the minister said.\n'
    (article,) = read_all(write(tmp_path, "hostile.txt", text))
    assert article.title == "Minister <script>alert(1)</script> Visits"
    assert "<img src=x onerror=alert(2)>" in article.body


def test_long_text_without_sentence_ends_is_refused_quickly(tmp_path):
    path = write(tmp_path, "one-long-line.txt", "the talks continued and the ministers spoke and " * 4000)
    (error,) = errors(read_all(path))
    assert error.startswith(f"{path}: not article prose: ") and "without a sentence end" in error


def test_oversized_file_is_refused_from_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(ingest.MAX_INPUT_BYTES + 1)  # sparse: refused before a byte is read
    (error,) = errors(read_all(str(path)))
    assert error.startswith(f"{path}: too large: 5,242,881 bytes")


def test_oversized_gz_and_stdin_are_refused(tmp_path, monkeypatch):
    big = ("Officials met in Geneva on Monday and agreed to continue the talks. " * 20 + "\n").encode() * 50
    path = write(tmp_path, "big.txt.gz", gzip.compress(big))
    assert errors(read_all(path, max_bytes=len(big) - 1)) == [
        f"{path}: too large: more than {len(big) - 1:,} bytes (limit {(len(big) - 1) / 1048576:g} MB per article)"
    ]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(big)))
    (error,) = errors(read_all("-", max_bytes=1000))
    assert error.startswith("<stdin>: too large")


def test_html_page(tmp_path):
    for path in (
        write(tmp_path, "article.html", HTML_PAGE),
        write(tmp_path, "article.html.gz", gzip.compress(HTML_PAGE.encode())),
    ):
        (article,) = read_all(path)
        assert article.title == "Ghana and Togo Open Joint Border Post"
        assert article.published == "2024-05-06"
        assert article.byline == "Kofi Mensah"
        assert article.dateline == "ACCRA"
        assert article.credits == ["Yaw Asante contributed reporting from Lomé."]
        paragraphs = article.body.split("\n\n")
        assert len(paragraphs) == 3
        assert paragraphs[0].startswith("Ghana and Togo opened a joint border post")
        for furniture in (
            "Related",
            "Leave a Reply",
            "Your email",
            "Post Comment",
            "tracker",
            "Subscribe",
            "Home",
            "©",
        ):
            assert furniture not in article.body


def test_html_without_article_text(tmp_path):
    page = '<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav><ul><li><a href="/a">Story A</a></li><li><a href="/b">Story B</a></li></ul><footer>Copyright</footer></body></html>'
    path = write(tmp_path, "no-article.html", page)
    (error,) = errors(read_all(path))
    assert error.startswith(f"{path}: no article text found")


def feed_line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_jsonl_feed_reports_each_bad_line_and_reads_the_rest(tmp_path):
    lines = [
        feed_line(id="ok-1", title="River deal", published="2024-05-06", text=STORY),
        '{"id": "broken-2", "text": "never closed',
        feed_line(id="notext-3", title="No text"),
        feed_line(id="number-4", text=12345),
        feed_line(id="baddate-5", published="yesterday-ish", text=STORY),
        feed_line(id="ok-6", published="2024-05-07", text=STORY.replace("Monday", "Tuesday")),
        "",
        "[1, 2, 3]",
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    assert [a.id for a in articles(items)] == ["ok-1", "baddate-5", "ok-6"]
    assert [a.source for a in articles(items)] == [f"{path}:1", f"{path}:5", f"{path}:6"]
    assert errors(items) == [
        f"{path}:2: not valid JSON: Unterminated string starting at column 28",
        f"{path}:3: no 'text' or 'html' field",
        f"{path}:4: 'text' is not a string (a JSON number)",
        f"{path}:8: not a JSON object (a JSON array)",
    ]
    first, baddate, last = articles(items)
    assert (first.title, first.published, baddate.published, last.published) == (
        "River deal",
        "2024-05-06",
        None,
        "2024-05-07",
    )
    assert baddate.warnings == ["ignored the date 'yesterday-ish': not a date"]


def test_feed_without_id_gets_the_body_hash_and_the_same_id_as_the_file(tmp_path):
    (from_feed,) = read_all(write(tmp_path, "feed.jsonl", feed_line(text=STORY) + "\n"))
    (from_file,) = read_all(write(tmp_path, "story.txt", STORY))
    assert from_feed.id == from_file.id == article_id(from_file.body)


def test_jsonl_with_html_field_and_gz(tmp_path):
    path = write(
        tmp_path, "feed.jsonl.gz", gzip.compress((feed_line(id="h1", html=HTML_PAGE) + "\n").encode())
    )
    (article,) = read_all(path)
    assert (article.id, article.title, article.published) == (
        "h1",
        "Ghana and Togo Open Joint Border Post",
        "2024-05-06",
    )


def test_csv_feed_with_an_unclosed_quote(tmp_path):
    story = STORY.replace('"', "")
    content = f'id,title,published,text\nc1,River deal,2024-05-06,"{story}"\nc2,Broken row,2024-05-06,"this row never closes its quote\n'
    path = write(tmp_path, "feed.csv", content)
    items = read_all(path)
    (article,) = articles(items)
    assert (article.id, article.title, article.published, article.source) == (
        "c1",
        "River deal",
        "2024-05-06",
        f"{path}:2",
    )
    line = content.count("\n", 0, content.index("c2,")) + 1
    assert errors(items) == [
        f"{path}:{line}: row 2: malformed CSV (unexpected end of data: a quote is never closed)"
    ]


def test_csv_with_html_and_utf16_tsv(tmp_path):
    html_cell = HTML_PAGE.replace('"', '""')
    csv_path = write(tmp_path, "pages.csv", f'id,url,html\nh1,https://example.org/a,"{html_cell}"\n')
    story = " ".join(STORY.split("\n\n")[1:]).replace("\n", " ")
    tsv_path = write(
        tmp_path, "excel.tsv", f"id\ttitle\ttext\r\nt1\tRiver deal\t{story}\r\n".encode("utf-16")
    )
    page, row = read_all(csv_path, tsv_path)
    assert (page.id, page.url, page.title, page.published) == (
        "h1",
        "https://example.org/a",
        "Ghana and Togo Open Joint Border Post",
        "2024-05-06",
    )
    assert (row.id, row.title, row.source, row.dateline) == ("t1", "River deal", f"{tsv_path}:2", "LISBON")


def test_csv_without_a_text_column(tmp_path):
    path = write(tmp_path, "feed.csv", "id,title\n1,Nothing here\n")
    assert errors(read_all(path)) == [f"{path}:1: the CSV header has no 'text' or 'html' column"]


def test_overlong_feed_line_is_reported_and_the_next_line_read(tmp_path):
    path = write(
        tmp_path,
        "feed.jsonl",
        feed_line(id="long", text=STORY * 40) + "\n" + feed_line(id="short", text=STORY) + "\n",
    )
    items = read_all(path, max_bytes=4000)
    assert errors(items) == [f"{path}:1: line too long (limit 4,000 bytes)"]
    assert [a.id for a in articles(items)] == ["short"]


def test_folder_is_read_recursively_in_name_order_and_other_files_ignored(tmp_path):
    write(tmp_path / "corpus", "b/deeper/story.txt", STORY)
    write(tmp_path / "corpus", "a.html", HTML_PAGE)
    write(tmp_path / "corpus", "notes.md", "# not an article\n")
    write(tmp_path / "corpus", "script.py", "print('hello')\n")
    write(tmp_path / "corpus", ".hidden.txt", STORY)
    items = read_all(str(tmp_path / "corpus"))
    assert [Path(a.source).relative_to(tmp_path / "corpus").as_posix() for a in articles(items)] == [
        "a.html",
        "b/deeper/story.txt",
    ]
    assert errors(items) == []


def test_folder_without_articles_and_missing_path_are_errors(tmp_path):
    write(tmp_path / "notes", "readme.md", "# notes\n")
    missing = str(tmp_path / "missing.txt")
    items = read_all(str(tmp_path / "notes"), missing)
    assert errors(items)[0].startswith(f"{tmp_path / 'notes'}: no article files in this folder")
    assert errors(items)[1] == f"{missing}: no such file or folder"


def test_stdin_text_and_feed(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    (article,) = read_all("-")
    assert article.source == "<stdin>" and article.dateline == "LISBON"
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO((feed_line(id="s1", text=STORY) + "\n{oops\n").encode()))
    )
    items = read_all("-")
    assert [a.id for a in articles(items)] == ["s1"]
    assert errors(items) == [
        "<stdin>:2: not valid JSON: Expecting property name enclosed in double quotes at column 2"
    ]


def test_overrides_and_bad_overrides(tmp_path):
    path = write(
        tmp_path,
        "feed.jsonl",
        feed_line(id="x", title="Feed title", published="2024-01-01", text=STORY) + "\n",
    )
    (article,) = read_all(path, title="My title", published="2023-02-28")
    assert (article.title, article.published) == ("My title", "2023-02-28")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        read_all(path, published="28/02/2023")
    with pytest.raises(ValueError, match="not a real date"):
        read_all(path, published="2023-02-30")


def test_error_messages_stay_on_one_line(tmp_path):
    path = write(tmp_path, "odd\nname.txt", b"")
    (error,) = errors(read_all(path))
    assert "\n" not in error and error.endswith(": empty")


@pytest.mark.slow
def test_memory_stays_flat_while_reading_a_large_feed(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(1500):
            f.write(feed_line(id=f"a{i}", text=STORY * 8) + "\n")
    assert path.stat().st_size > 5_000_000
    tracemalloc.start()
    count = sum(1 for item in read_inputs([str(path)]) if isinstance(item, Article))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 1500
    assert peak < 3_000_000


# ---------------------------------------------------------------------------------------------- cli


@pytest.fixture
def no_nlp(monkeypatch):
    """The command without the NLP stages: these tests are about reading and reporting."""
    monkeypatch.setattr("communique.pipeline.analyze", lambda article, **_: Analysis(article=article))


def test_cli_reports_each_bad_input_and_processes_the_rest(tmp_path, capsys, no_nlp):
    good = write(tmp_path, "good.txt", STORY)
    empty = write(tmp_path, "empty.txt", b"")
    binary = write(tmp_path, "binary.txt", bytes(range(256)) * 4)
    feed = write(tmp_path, "feed.jsonl", feed_line(id="f1", published="soon", text=STORY) + "\n[1]\n")
    status = cli.main(["extract", "--format", "jsonl", good, empty, binary, feed])
    out, err = capsys.readouterr()
    assert status == 1
    assert [json.loads(line)["article"]["source"] for line in out.splitlines()] == [good, f"{feed}:1"]
    assert err.splitlines() == [
        f"communique: error: {empty}: empty",
        f"communique: error: {binary}: not text (binary data)",
        f"communique: warning: {feed}:1: ignored the date 'soon': not a date",
        f"communique: error: {feed}:2: not a JSON object (a JSON array)",
    ]


def test_cli_exit_0_when_all_inputs_read(tmp_path, capsys, no_nlp):
    status = cli.main(["extract", "--published", "2024-05-06", write(tmp_path, "good.txt", STORY)])
    out, err = capsys.readouterr()
    assert status == 0 and err == ""
    assert json.loads(out)["article"]["published"] == "2024-05-06"


def test_cli_usage_errors_exit_2(tmp_path, capsys, no_nlp):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["extract"])
    assert exit_info.value.code == 2
    assert cli.main(["extract", "--published", "last week", write(tmp_path, "good.txt", STORY)]) == 2
    assert "--published must be a date written YYYY-MM-DD" in capsys.readouterr().err


def test_cli_extract_runs_the_pipeline_on_an_example():
    example = Path(__file__).resolve().parents[1] / "examples" / "kenya-ethiopia-border.txt"
    buffer = io.StringIO()
    real_stdout, sys.stdout = sys.stdout, buffer
    try:
        status = cli.main(["extract", "--published", "2024-06-13", str(example)])
    finally:
        sys.stdout = real_stdout
    assert status == 0
    article = json.loads(buffer.getvalue())["article"]
    assert article["title"] == "Kenya and Ethiopia Agree to Reopen Border Crossing at Moyale"
    assert article["credits"] == ["Peter Mwangi contributed reporting from Moyale."]
    assert article["body"].startswith("Kenya and Ethiopia agreed on Thursday")
    assert article["body"].endswith("A joint committee is expected to meet in Addis Ababa next month.")


# --------------------------------------------------------------------------- the shared corpora


@needs_shared
def test_real_bad_folder_behaves_as_its_readme_says(tmp_path):
    results: dict[str, list[str]] = {}
    for item in read_inputs([str(BAD)]):
        source = (
            item.source
            if isinstance(item, InputError)
            else item.source.rsplit(":", 1)[0]
            if ".jsonl:" in item.source or ".csv:" in item.source
            else item.source
        )
        name = Path(source).relative_to(BAD).as_posix()
        results.setdefault(name, []).append(
            f"error: {item.message}" if isinstance(item, InputError) else "ok"
        )
    assert results["empty.txt"] == results["whitespace.txt"] == ["error: empty"]
    assert results["binary-named.txt"] == ["error: not text (binary data)"]
    for name in (
        "latin1.txt",
        "utf16.txt",
        "bom-crlf.txt",
        "hostile.txt",
        "article.html",
        "article.html.gz",
        "nested/deeper/story.txt",
    ):
        assert results[name] == ["ok"], name
    assert "nested/notes.md" not in results
    assert results["malformed.jsonl"].count("ok") == 3 and len(results["malformed.jsonl"]) == 7
    assert results["feed-broken.csv"] == [
        "ok",
        "error: row 2: malformed CSV (unexpected end of data: a quote is never closed)",
    ]
    assert results["spanish.txt"] == ["error: not English (looks like Spanish)"]
    assert results["no-article.html"][0].startswith("error: no article text found")
    assert results["one-long-line.txt"][0].startswith("error: not article prose")
    huge = tmp_path / "huge.txt"
    subprocess.run(["bash", str(BAD / "make_huge.sh"), str(huge), "6"], check=True)
    assert errors(read_all(str(huge)))[0].startswith(f"{huge}: too large")


@needs_shared
def test_real_bad_folder_details():
    latin1, utf16, crlf = (
        read_all(str(BAD / name))[0] for name in ("latin1.txt", "utf16.txt", "bom-crlf.txt")
    )
    assert "Ana Duarté" in latin1.body and "Ã" not in latin1.body
    assert utf16.title == crlf.title == "Portugal and Morocco Sign Fisheries Pact"
    assert "\r" not in crlf.body and "\ufeff" not in crlf.body
    for name in ("article.html", "article.html.gz"):
        (page,) = read_all(str(BAD / name))
        assert (page.title, page.published, page.byline) == (
            "Portugal and Morocco Sign Fisheries Pact",
            "2024-05-06",
            "Rita Alves",
        )
        assert page.credits == ["Joana Reis contributed reporting from Lisbon."]
        assert len(page.body.split("\n\n")) == 3
        assert not any(
            f in page.body for f in ("Leave a Reply", "Related", "Your email", "Subscribe", "tracker")
        )
    items = read_all(str(BAD / "malformed.jsonl"))
    assert [e.line for e in items if isinstance(e, InputError)] == [2, 3, 4, 8]


@needs_shared
def test_every_voa_article_reads():
    items = read_all(str(SHARED / "corpora" / "voa.jsonl"))
    assert errors(items) == []
    lines = (SHARED / "corpora" / "voa.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(articles(items)) == sum(1 for line in lines if line.strip())


@needs_shared
def test_seed_article_is_cleaned():
    (seed,) = read_all(str(SHARED / "corpora" / "seed-belarus-china.txt"), published="2023-02-28")
    assert seed.title == "China Welcomes Belarusian Leader Amid Concerns About Ukraine"
    assert seed.credits == [
        "Chris Buckley contributed reporting from Taipei.",
        "Olivia Wang contributed research from Hong Kong.",
    ]
    for furniture in (
        "Source link",
        "Leave a Reply",
        "Your email address will not be published",
        "Required fields are marked",
    ):
        assert furniture not in seed.body
    assert seed.body.startswith("President Aleksandr G. Lukashenko of Belarus arrived in Beijing")
    assert seed.body.endswith("between the two militaries.”")


def test_reader_does_not_leave_files_open(tmp_path):
    path = write(tmp_path, "feed.jsonl", feed_line(text=STORY) + "\n" + feed_line(text=STORY) + "\n")
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    list(read_inputs([path, path]))
    after = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    assert after <= before
