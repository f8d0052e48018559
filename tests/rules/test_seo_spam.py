"""Rule ``seo-spam``: injected betting/lottery/casino/adult/pharmacy/crypto spam.

Every test string here is written for this suite (or is seed 004, which the project owns);
none comes from the dev-eval set. Negatives are real-looking news sentences *about* the spam
topics, because the rule's promise is to report injections, not topics.
"""

from __future__ import annotations

import base64
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint_news.config import load_config
from lint_news.core.document import Document
from lint_news.core.errors import ConfigError
from lint_news.core.model import Applicability
from lint_news.engine.fixer import fix_document
from lint_news.kinds.seo_spam import Options, check
from lint_news.kinds.seo_spam.context import _Context
from lint_news.text.folding import fold_accents

from ..conftest import RAW_SEEDS, fix, lint, make_config, spans

RULE = "seo-spam"

SEED_004 = (RAW_SEEDS / "004_21d1dcadd64c6f9f.txt").read_text(encoding="utf-8")


def doc(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# ----- seed 004 ---------------------------------------------------------------------------
def test_seed_004_reports_title_tail_and_date_line_injection() -> None:
    findings = lint(SEED_004, RULE)
    assert spans(SEED_004, findings) == ["soi kèo slovakia", "ôLâsoi kèo slovakia"]
    title, date = findings
    assert "betting" in title.message and "next line repeats" in title.message
    assert title.fix is not None and title.fix.applicability is Applicability.SAFE
    assert date.fix is not None and date.fix.applicability is Applicability.UNSAFE
    assert "glued" in date.message


def test_seed_004_fixed_with_unsafe_fixes() -> None:
    fixed = fix(SEED_004, RULE, unsafe=True)
    lines = fixed.split("\n")
    assert lines[0] == "Party chief Tô Lâm receives US Senator"
    assert lines[1] == "Party chief Tô Lâm receives US Senator"
    assert lines[2] == "March 20, 2025 - 21:38![]() |"
    assert lines[3:] == SEED_004.split("\n")[3:]
    assert fix(fixed, RULE, unsafe=True) == fixed
    assert lint(fixed, RULE) == []


def test_seed_004_safe_fix_only_cuts_the_proven_title_tail() -> None:
    fixed = fix(SEED_004, RULE)
    lines = fixed.split("\n")
    assert lines[0] == "Party chief Tô Lâm receives US Senator"
    assert lines[2] == "March 20,ôLâsoi kèo slovakia 2025 - 21:38![]() |"
    remaining = lint(fixed, RULE)
    assert spans(fixed, remaining) == ["ôLâsoi kèo slovakia"]


def test_other_seeds_are_silent() -> None:
    for path in sorted(RAW_SEEDS.glob("*.txt")):
        if not path.name.startswith("004"):
            assert lint(path.read_text(encoding="utf-8"), RULE) == [], path.name


# ----- title tails ------------------------------------------------------------------------
TITLE_CASES = [
    # (title line, expected span, expected fixed title, safe?)
    ("Giá vàng hôm nay tăng mạnh_soi kèo nhà cái hôm nay", "soi kèo nhà cái hôm nay",
     "Giá vàng hôm nay tăng mạnh", True),
    ("Giá vàng hôm nay tăng mạnh_soi keo nha cai hom nay", "soi keo nha cai hom nay",
     "Giá vàng hôm nay tăng mạnh", True),
    ("Mưa lớn kéo dài ở các tỉnh miền Trung | kèo nhà cái hôm nay", "kèo nhà cái hôm nay",
     "Mưa lớn kéo dài ở các tỉnh miền Trung", False),
    ("Hanoi opens new metro line - ty le keo chelsea vs arsenal", "ty le keo chelsea vs arsenal",
     "Hanoi opens new metro line", False),
    ("Exporters brace for weaker demand – nhà cái uy tín w88 fb88", "nhà cái uy tín w88 fb88",
     "Exporters brace for weaker demand", False),
    ("Thủ tướng tiếp Đại sứ Nhật Bản_danh sách nhà cái uy tín ngoại hạng anh",
     "danh sách nhà cái uy tín ngoại hạng anh", "Thủ tướng tiếp Đại sứ Nhật Bản", True),
    ("Central bank holds rates steady_xổ số miền bắc 30 ngày", "xổ số miền bắc 30 ngày",
     "Central bank holds rates steady", True),
]


@pytest.mark.parametrize(("title", "span", "clean", "safe"), TITLE_CASES)
def test_title_tail(title: str, span: str, clean: str, safe: bool) -> None:
    body = "Một đoạn nội dung bình thường của bài báo về thời sự trong nước."
    text = doc(title, "Thứ hai, 12/10/2020", body)
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    assert findings[0].fix is not None
    expected_applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    assert findings[0].fix.applicability is expected_applicability
    fixed = fix(text, RULE, unsafe=True)
    assert fixed.split("\n")[0] == clean
    assert fixed.split("\n")[1:] == text.split("\n")[1:]
    assert fix(text, RULE, unsafe=False) == (fixed if safe else text)
    assert fix(fixed, RULE, unsafe=True) == fixed


def test_title_tail_proven_by_the_next_line_is_safe_even_with_unlisted_words() -> None:
    text = doc("Quốc hội khai mạc kỳ họp | soi kèo brentford", "Quốc hội khai mạc kỳ họp", "Nội dung.")
    findings = lint(text, RULE)
    assert spans(text, findings) == ["soi kèo brentford"]
    assert fix(text, RULE) == doc("Quốc hội khai mạc kỳ họp", "Quốc hội khai mạc kỳ họp", "Nội dung.")


def test_capitalised_title_tail_proven_by_the_next_line() -> None:
    text = doc("Markets rally in Asia - Soi Kèo Nhà Cái", "Markets rally in Asia", "Stocks rose.")
    assert spans(text, lint(text, RULE)) == ["Soi Kèo Nhà Cái"]
    assert fix(text, RULE) == doc("Markets rally in Asia", "Markets rally in Asia", "Stocks rose.")


def test_title_ending_with_a_spam_phrase_after_a_space() -> None:
    text = doc(
        "Chuyến đi đáng nhớ của đoàn học sinh kết quả xổ số miền bắc hôm nay",
        "01/10/2020",
        "Đoàn học sinh đã đến thăm bảo tàng và trò chuyện với các cựu chiến binh.",
    )
    findings = lint(text, RULE)
    assert spans(text, findings) == ["kết quả xổ số miền bắc hôm nay"]
    assert fix(text, RULE, unsafe=True).split("\n")[0] == "Chuyến đi đáng nhớ của đoàn học sinh"


def test_underscore_tail_without_keyword_whose_words_occur_nowhere() -> None:
    text = doc("Hà Nội mở rộng đường vành đai_tỷ số bóng đá ngoại hạng anh", "01/10/2020", "Nội dung bài.")
    findings = lint(text, RULE)
    assert spans(text, findings) == ["tỷ số bóng đá ngoại hạng anh"]
    assert fix(text, RULE, unsafe=True).split("\n")[0] == "Hà Nội mở rộng đường vành đai"


def test_stuffed_title() -> None:
    text = doc("nhà cái uy tín nhà cái uy tín", "Body text of the page follows here.")
    findings = lint(text, RULE)
    assert findings and "repeated" in findings[0].message


# ----- glued inside a line ----------------------------------------------------------------
INLINE_CASES = [
    ("Thứ hai, 12/10/2020cá cược bóng đá hôm nay", "cá cược bóng đá hôm nay", "Thứ hai, 12/10/2020"),
    ("Thứtài xỉu online năm, 01/10/2020", "tài xỉu online", "Thứ năm, 01/10/2020"),
    ("Monday,soi kèo euro 2024 June 3, 1991", "soi kèo euro 2024", "Monday, June 3, 1991"),
    ("Junenhà cái uy tín psg 3, 1991 - 08:15", "nhà cái uy tín psg", "June 3, 1991 - 08:15"),
    ("Apr 2, 2021fb88 link vào", "fb88 link vào", "Apr 2, 2021"),
    ("2019-05-07nổ hũ đổi thưởng", "nổ hũ đổi thưởng", "2019-05-07"),
    ("Feb 9,ưHàxổ số hôm nay 2022 10:00 GMT", "ưHàxổ số hôm nay", "Feb 9, 2022 10:00 GMT"),
    ("08/04/1991 |ty le keo uy tín 4:22 PM", "ty le keo uy tín", "08/04/1991 | 4:22 PM"),
    ("22/03/1991 | 8:59link vào nhà cái PM", "link vào nhà cái", "22/03/1991 | 8:59 PM"),
    ("Ngày đănglink vào nhà cái miền nam 01/10/2020", "link vào nhà cái miền nam", "Ngày đăng 01/10/2020"),
]


@pytest.mark.parametrize(("line", "span", "clean"), INLINE_CASES)
def test_glued_inline(line: str, span: str, clean: str) -> None:
    text = doc("Tiêu đề của bài báo", line, "Nội dung chính của bài báo nằm ở đây.")
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.UNSAFE
    assert "glued" in findings[0].message
    assert fix(text, RULE) == text  # unsafe: not applied without --unsafe-fixes
    fixed = fix(text, RULE, unsafe=True)
    assert fixed == doc("Tiêu đề của bài báo", clean, "Nội dung chính của bài báo nằm ở đây.")
    assert fix(fixed, RULE, unsafe=True) == fixed


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("Thứ năm, kèo nhà cái 01/10/2020", "Thứ năm, 01/10/2020"),
        ("March 20, soi kèo 2025 - 21:38", "March 20, 2025 - 21:38"),
        ("2020-11-01 | nhà cái uy tín", "2020-11-01"),
    ],
)
def test_phrase_spaced_inside_the_date_line(line: str, clean: str) -> None:
    body = "Nội dung chính của bài báo nằm ở đây."
    text = doc("Tiêu đề của bài báo", line, body)
    findings = lint(text, RULE)
    assert len(findings) == 1 and "date line" in findings[0].message
    assert fix(text, RULE, unsafe=True) == doc("Tiêu đề của bài báo", clean, body)


def test_title_tail_after_a_spaced_underscore() -> None:
    text = doc("Giá xăng giảm nhẹ _ nhà cái uy tín", "01/10/2020", "Nội dung.")
    assert spans(text, lint(text, RULE)) == ["nhà cái uy tín"]
    assert fix(text, RULE).split("\n")[0] == "Giá xăng giảm nhẹ"


def test_debris_of_the_title_goes_with_the_keyword() -> None:
    title = "Phó Thủ tướng Lê Minh tiếp đoàn doanh nghiệp"
    text = doc(title, "May 5,ê Mikèo nhà cái 2023 - 09:10", "Nội dung.")
    findings = lint(text, RULE)
    assert spans(text, findings) == ["ê Mikèo nhà cái"]
    fixed = fix(text, RULE, unsafe=True)
    assert fixed == doc(title, "May 5, 2023 - 09:10", "Nội dung.")


BODY_CASES = [
    (
        "Exports rose 4 percent in March. soi cầu 247 hôm nay Imports were flat, the ministry said.",
        "soi cầu 247 hôm nay",
        "Exports rose 4 percent in March. Imports were flat, the ministry said.",
    ),
    (
        "The bank raised its forecast for the year. nha cai uy tin",
        "nha cai uy tin",
        "The bank raised its forecast for the year.",
    ),
    (
        "Output rose in 1986, keo nha cai while exports fell sharply.",
        "keo nha cai",
        "Output rose in 1986, while exports fell sharply.",
    ),
    (
        "Oil prices rose on Monday. buy viagra online Analysts expect further gains.",
        "buy viagra online",
        "Oil prices rose on Monday. Analysts expect further gains.",
    ),
    (
        "Học sinh được nghỉ 3 ngày, cá cược bóng đá ngoại hạng anh từ thứ sáu đến chủ nhật.",
        "cá cược bóng đá ngoại hạng anh",
        "Học sinh được nghỉ 3 ngày, từ thứ sáu đến chủ nhật.",
    ),
    (
        "Giá xăng giảm nhẹ trong kỳ điều hành này. kèo nhà cái việt nam vs thái lan 12 tỉnh đã ghi nhận.",
        "kèo nhà cái việt nam vs thái lan",
        "Giá xăng giảm nhẹ trong kỳ điều hành này. 12 tỉnh đã ghi nhận.",
    ),
]


@pytest.mark.parametrize(("line", "span", "clean"), BODY_CASES)
def test_phrase_inserted_in_a_body_line(line: str, span: str, clean: str) -> None:
    text = doc("A headline", "01/10/2020", line, "Another paragraph of the article.")
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    fixed = fix(text, RULE, unsafe=True)
    assert fixed == doc("A headline", "01/10/2020", clean, "Another paragraph of the article.")
    assert "  " not in fixed
    assert fix(fixed, RULE, unsafe=True) == fixed


OFF_TOPIC = [
    (
        "Bác sĩ cho biết béo phì, casino trực tuyến hôm nay chính xác huyết áp cao là các bệnh mạn tính.",
        "casino trực tuyến hôm nay chính xác",
        "Bác sĩ cho biết béo phì, huyết áp cao là các bệnh mạn tính.",
    ),
    (
        "Ngày hội đọc sách thu hút đông đảo học sinh, nổ hũ 30 ngày nhiều gian hàng mở cửa đến tối.",
        "nổ hũ 30 ngày",
        "Ngày hội đọc sách thu hút đông đảo học sinh, nhiều gian hàng mở cửa đến tối.",
    ),
    (
        "Officials said growth, buy viagra online cheap remained slow in the region.",
        "buy viagra online cheap",
        "Officials said growth, remained slow in the region.",
    ),
]


@pytest.mark.parametrize(("line", "span", "clean"), OFF_TOPIC)
def test_promotional_phrase_in_an_article_on_another_topic(line: str, span: str, clean: str) -> None:
    body = ("Đoạn mở đầu của bài viết về đời sống.", "Một đoạn khác.", "Đoạn kết.")
    text = doc("Tiêu đề bài viết", "01/10/2020", line, *body)
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    assert "never mentions" in findings[0].message
    assert fix(text, RULE, unsafe=True) == doc("Tiêu đề bài viết", "01/10/2020", clean, *body)


def test_promotional_words_in_an_article_about_the_topic_are_news() -> None:
    text = doc(
        "Người phụ nữ trúng giải độc đắc",
        "01/10/2020",
        "Chị Lan cho biết đã mua vé xổ số hôm nay ở đại lý gần nhà.",
        "Tấm vé số trúng giải được chị cất kỹ trong ví.",
        "Công ty cho biết sẽ trao thưởng trong tuần tới.",
    )
    assert lint(text, RULE) == []


# ----- spam lines -------------------------------------------------------------------------
def test_spam_line_at_the_end_without_final_newline() -> None:
    text = "Tiêu đề\n01/10/2020\nĐoạn cuối của bài báo.\nkèo nhà cái hôm naykubetsoi cầu miền bắc"
    findings = lint(text, RULE)
    assert spans(text, findings) == ["kèo nhà cái hôm naykubetsoi cầu miền bắc"]
    assert fix(text, RULE, unsafe=True) == "Tiêu đề\n01/10/2020\nĐoạn cuối của bài báo."


def test_glued_keyword_line_is_safe_to_delete_but_a_line_with_unlisted_words_is_not() -> None:
    glued = doc("Tiêu đề", "Nội dung.", "kèo nhà cái hôm naykubetsoi cầu miền bắc", "Hết.")
    assert fix(glued, RULE) == doc("Tiêu đề", "Nội dung.", "Hết.")
    mixed = doc("Tiêu đề", "Nội dung.", "kèo nhà cái hôm naykubet abcxyz", "Hết.")
    findings = lint(mixed, RULE)
    assert len(findings) == 1 and findings[0].fix is not None
    assert findings[0].fix.applicability is Applicability.UNSAFE
    assert fix(mixed, RULE) == mixed
    assert fix(mixed, RULE, unsafe=True) == doc("Tiêu đề", "Nội dung.", "Hết.")


def test_spam_line_after_the_title() -> None:
    text = doc("Tiêu đề bài báo", "trực tiếp bóng đánhà cái uy tínxổ số hôm nay", "01/10/2020", "Nội dung.")
    findings = lint(text, RULE)
    assert len(findings) == 1 and "spam line" in findings[0].message
    assert fix(text, RULE, unsafe=True) == doc("Tiêu đề bài báo", "01/10/2020", "Nội dung.")


def test_spam_line_after_a_blank_line_at_the_end_keeps_the_final_newline() -> None:
    text = "Title\n\nFirst paragraph.\n\nLast paragraph.\n\nnhà cái uy tínkubet hôm nay"
    assert fix(text, RULE, unsafe=True) == "Title\n\nFirst paragraph.\n\nLast paragraph.\n"


def test_spam_line_between_blank_lines_keeps_one_blank_line() -> None:
    text = doc("Title", "", "First paragraph.", "", "soi kèo hôm nay88bet nhà cái", "", "Last paragraph.")
    fixed = fix(text, RULE, unsafe=True)
    assert fixed == doc("Title", "", "First paragraph.", "", "Last paragraph.")


# ----- negatives --------------------------------------------------------------------------
NEWS = [
    # betting law, lotteries, casinos, football odds, drug policy: the topic is not spam
    "Quốc hội thảo luận Nghị định về kinh doanh đặt cược bóng đá quốc tế, cho phép người đủ 21 tuổi.",
    "Công an tỉnh triệt phá đường dây cá độ bóng đá qua mạng với tổng số tiền hơn 500 tỷ đồng.",
    "Các nhà cái châu Âu đánh giá đội tuyển Việt Nam có cơ hội đi tiếp tại vòng loại World Cup.",
    "Theo tỷ lệ kèo của nhà cái, Hà Nội FC được đánh giá cao hơn trong trận bóng đá tối nay.",
    "Công ty Xổ số kiến thiết Thủ đô cho biết doanh thu xổ số năm nay tăng 12%.",
    "Tòa án xét xử vụ đánh bạc dưới hình thức đá gà và lô đề tại huyện ngoại thành.",
    "Cơ quan chức năng cảnh báo các trang game bài đổi thưởng và nổ hũ hoạt động trái phép.",
    "Bà cụ kỳ kèo mãi mới mua được mớ rau, còn con gái thì nấu nồi lẩu cá kèo.",
    "Bác sĩ chỉ định nội soi dạ dày; đèn pha soi đường cho đoàn xe đi qua đèo.",
    "Chúng tôi nghĩ đến cầu lông, bóng bàn và bóng đá phong trào cho thanh niên.",
    "Người dân đổ xô đi mua vé số; xổ số miền Bắc mở thưởng lúc 18h15 mỗi ngày.",
    "Lawmakers in Macau debated new casino licensing rules, and online casino operators face higher taxes.",
    "The football association fined the club after a betting tips scandal involving two players.",
    "Vietnam's finance ministry said betting odds on licensed football matches would be published daily.",
    "Police seized counterfeit viagra and cialis sold by an online pharmacy without prescription.",
    "Regulators warned investors about crypto giveaway scams that promise to double your bitcoin.",
    "The state lottery, known locally as xổ số, sold two billion tickets last year.",
    "He left the U.S. online casino industry in 1998 to run a sportsbook in Nevada.",
    "Shares of casino operators rose 3 pct. Analysts said free spins promotions were curbed.",
    "Khách du lịch Hàn Quốc và Thái Lan tăng mạnh trong mùa lễ hội năm nay.",
    "Nhận định, soi kèo Việt Nam vs Thái Lan: đội khách được đánh giá nhỉnh hơn.",
    "Hackers injected phrases such as 'soi kèo' and 'nhà cái uy tín' into government websites.",
    "Tin tặc chèn cụm từ “nhà cái uy tín hôm nay” vào trang web của nhiều trường học.",
    "Các trang cá cược bóng đá trực tuyến bị chặn; người chơi chuyển sang các nhà cái nước ngoài.",
    "Tỷ lệ kèo châu Á cho thấy Man City được chấp nửa trái trước Chelsea.",
    "Lottery sales in Vietnam rose, with Vietlott reporting a record jackpot on Sunday.",
    "Ông Minh bị phạt vì tổ chức đá gà ăn tiền, còn nhóm bạn của ông bị phạt vì chơi tài xỉu.",
    "The casino, which opened in 2019, employs 3,000 people. Online casino games remain banned.",
    "Cảnh sát thu giữ thuốc kích dục không rõ nguồn gốc tại một nhà thuốc ở quận 5.",
    "Regulators said patients who buy viagra online without prescription risk fakes; pharmacies agree.",
    "Nhà đầu tư được khuyến cáo cảnh giác với các sàn coin uy tín tự xưng và dự án nhận airdrop.",
    "Học sinh miền núi được tặng sách vở; ông bà kỳ kèo từng đồng khi bán lúa.",
    "Giá vé xem trực tiếp bóng đá tại sân Mỹ Đình tăng, người hâm mộ phản ứng.",
    "Thứ hai, các nhà cái đồng loạt hạ tỷ lệ cược.",
    "Trận đấu giữa võ sĩ Logan và một ngôi sao YouTube thu hút hàng triệu lượt xem.",
    "The boxer Logan said he had never heard of the lode of silver found near the casino.",
]


@pytest.mark.parametrize("sentence", NEWS)
def test_news_about_the_topic_is_not_spam(sentence: str) -> None:
    text = doc("Tin tức trong ngày", "01/10/2020", sentence, "Một đoạn khác của bài báo.")
    assert lint(text, RULE) == []
    assert fix(text, RULE, unsafe=True) == text


NEWS_TITLES = [
    "Hà Nội xử phạt cơ sở kinh doanh game bài đổi thưởng",
    "Macau casino revenue rises 20% - Reuters",
    "Xổ số miền Bắc: những điều người chơi cần biết",
    "Bóng đá Việt Nam - Nhà cái châu Á đánh giá cao",
    "Vietnam pilots football betting | VnExpress International",
    "Online casino stocks fall - Betting odds shift after injury",
]


@pytest.mark.parametrize("title", NEWS_TITLES)
def test_news_titles_about_the_topic_are_not_spam(title: str) -> None:
    text = doc(
        title,
        "01/10/2020",
        "Bài viết bàn về game bài, casino, xổ số, nhà cái và cá cược dưới góc độ pháp luật hiện hành.",
        "The article covers online casino rules and football betting regulation.",
    )
    assert lint(text, RULE) == []


def test_gambling_site_address_in_news_is_not_glued_spam() -> None:
    line = "Công an phát hiện trang w88vn.com và fb88.net quảng cáo trái phép."
    text = doc("Tin", "01/10/2020", line, "Hết.")
    assert lint(text, RULE) == []


def test_vietnamese_term_glossed_in_english_is_not_spam() -> None:
    line = "The Vietnamese term cá cược bóng đá (football betting) is common today."
    text = doc("News", "01/10/2020", line)
    assert lint(text, RULE) == []


def test_title_about_the_topic_of_the_body_is_not_spam() -> None:
    text = doc(
        "Hà Nội triệt phá đường dây đánh bạc qua game bài đổi thưởng",
        "01/10/2020",
        "Công an cho biết các đối tượng tổ chức chơi game bài trên mạng.",
    )
    assert lint(text, RULE) == []


def test_repeated_title_caption_is_not_spam() -> None:
    text = doc("Đội tuyển bóng đá nữ lên đường dự SEA Games", "Đội tuyển bóng đá nữ lên đường dự SEA Games")
    assert lint(text, RULE) == []


# ----- options ----------------------------------------------------------------------------
def test_user_extra_keywords_from_config(tmp_path: Path) -> None:
    text = doc("Tiêu đề", "Monday,quay số trúng lớn June 3, 1991", "Nội dung.")
    assert lint(text, RULE) == []
    config = make_config(
        RULE,
        tmp=tmp_path,
        yaml_text="rules:\n  seo-spam:\n    extend-keywords:\n      lottery-vi: [quay số trúng lớn]\n",
    )
    findings = lint(text, RULE, config=config)
    assert spans(text, findings) == ["quay số trúng lớn"]
    assert "lottery" in findings[0].message
    assert fix(text, RULE, unsafe=True, config=config) == doc("Tiêu đề", "Monday, June 3, 1991", "Nội dung.")
    # the built-in lists are still there
    assert lint(SEED_004, RULE, config=config)


def test_user_extra_group_of_english_keywords(tmp_path: Path) -> None:
    config = make_config(
        RULE,
        tmp=tmp_path,
        yaml_text="rules:\n  seo-spam:\n    extend-keywords:\n      loans-en: [instant payday loans]\n",
    )
    text = doc("Markets close higher_instant payday loans", "Stocks rose on Monday.")
    findings = lint(text, RULE, config=config)
    assert spans(text, findings) == ["instant payday loans"]
    assert "loans spam" in findings[0].message


def test_evidence_can_be_narrowed(tmp_path: Path) -> None:
    config = make_config(
        RULE,
        tmp=tmp_path,
        yaml_text="rules:\n  seo-spam:\n    evidence: [title-tail, repeated-title]\n",
    )
    findings = lint(SEED_004, RULE, config=config)
    assert spans(SEED_004, findings) == ["soi kèo slovakia"]


def test_bare_keywords_can_be_reported(tmp_path: Path) -> None:
    yaml_text = "rules:\n  seo-spam:\n    report-bare-keywords: true\n"
    config = make_config(RULE, tmp=tmp_path, yaml_text=yaml_text)
    text = doc("Tin tức", "Công an triệt phá đường dây cá độ bóng đá qua mạng.")
    findings = lint(text, RULE, config=config)
    assert spans(text, findings) == ["cá độ bóng đá"]
    assert "listed keyword" in findings[0].message


def test_unknown_evidence_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown evidence 'hunch'"):
        make_config(RULE, tmp=tmp_path, yaml_text="rules:\n  seo-spam:\n    evidence: [glued, hunch]\n")


def test_disabled_rule_is_silent(tmp_path: Path) -> None:
    config = make_config(tmp=tmp_path, yaml_text="rules:\n  seo-spam: off\n")
    assert [f for f in lint(SEED_004, config=config) if f.rule == RULE] == []


def test_accent_strict_keyword_needs_its_own_diacritics() -> None:
    # "cá đỏ" (red fish) folds like "cá độ" (betting) but is another word
    text = doc("Tiêu đề", "Monday,cá đỏ hôm nay June 3, 1991", "Nội dung.")
    assert lint(text, RULE) == []
    text = doc("Tiêu đề", "Monday,cá độ hôm nay June 3, 1991", "Nội dung.")
    assert spans(text, lint(text, RULE)) == ["cá độ hôm nay"]


def test_crlf_line_endings_are_kept() -> None:
    text = "Tiêu đề_soi kèo hôm nay\r\nTiêu đề\r\nNội dung.\r\n"
    assert fix(text, RULE) == "Tiêu đề\r\nTiêu đề\r\nNội dung.\r\n"


# ----- the keyword scan gives exactly the trie pattern's finditer spans -----------------------
def _default_options() -> Options:
    rule = load_config(isolated=True).rule(RULE)
    assert rule is not None
    options: Options = rule.options
    return options


_PIECES = ["soi keo", "soi-keo", "soikeo", "nha cai", "nhacai", "casino", "bet365", "fb88", "ty le keo",
           "lo de", "x", "a", "ca", " ", "_", "-", "12", "8", "keo", "nha", "cai uy tin", "so"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_keyword_scanner_same_spans_as_the_pattern(text: str) -> None:
    options = _default_options()
    expected = [m.span() for m in options.keyword_regex.finditer(text)]
    assert options.keyword_scanner.spans(text) == expected


def test_keyword_scanner_on_the_raw_seeds() -> None:
    options = _default_options()
    for path in sorted(RAW_SEEDS.iterdir()):
        text = fold_accents(path.read_text("utf-8", "surrogateescape")).lower()
        assert options.keyword_scanner.spans(text) == [m.span() for m in options.keyword_regex.finditer(text)]


@pytest.mark.parametrize("words", [("#bet", "1xbet", "top # nha cai"), ("ab", "abc", "b", "bc x")])
def test_keyword_scanner_with_other_keywords(words: tuple[str, ...]) -> None:
    """A keyword starting with "#" (a number) falls back on the pattern; overlapping
    keywords are merged as the alternation chooses."""
    options = Options(keywords={"betting": words})
    for text in ("1xbet 12bet top 3 nha cai", "abc bc x abcb", "aabbcc", "xx 99bet"):
        assert options.keyword_scanner.spans(text) == [m.span() for m in options.keyword_regex.finditer(text)]


# ----- issue 14: beyond the keyword list -------------------------------------------------
# Every text below is invented for this suite, in the shape of spam seen on hacked pages.
EN_BODY = (
    "The city will widen the road to eight lanes, officials said on Monday.",
    "Work starts in May and costs about 4 trillion VND, the Hà Nội People's Committee said.",
)
VI_BODY = (
    "Ngân hàng Nhà nước vừa công bố quyết định giảm lãi suất điều hành.",
    "Các ngân hàng thương mại sẽ áp dụng mức lãi suất mới từ tuần sau.",
)


@pytest.mark.parametrize("brand", ["qv888", "zx99", "kv999", "tb68", "mn789"])
def test_betting_link_line_above_an_english_title(brand: str) -> None:
    text = doc(f"link {brand}", "", "Hanoi to widen ring road through three districts", "", *EN_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == [f"link {brand}"]
    assert "betting spam line" in findings[0].message
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.UNSAFE
    fixed = fix(text, RULE, unsafe=True)
    assert fixed == doc("Hanoi to widen ring road through three districts", "", *EN_BODY)
    assert fix(fixed, RULE, unsafe=True) == fixed


def test_fixture_phrase_with_spun_debris_inside_a_vietnamese_sentence() -> None:
    line = (
        "Năm học mới bắt đầu với nhiều đổi mới. Theo kế hoạch,ônMớiHọcsinhvuilịch thi đấu "
        "ngoại hạng anh vòng 5 các trường sẽ khai giảng đồng loạt."
    )
    text = doc("Học sinh nhập học sớm", "Ngày 5/9/2023", line, "Sở Giáo dục cho biết đã chuẩn bị đủ sách.")
    findings = lint(text, RULE)
    assert spans(text, findings) == ["ônMớiHọcsinhvuilịch thi đấu ngoại hạng anh vòng 5"]
    assert "football spam" in findings[0].message and "glued" in findings[0].message
    fixed = fix(text, RULE, unsafe=True)
    assert fixed.split("\n")[2] == (
        "Năm học mới bắt đầu với nhiều đổi mới. Theo kế hoạch, các trường sẽ khai giảng đồng loạt."
    )
    assert fix(fixed, RULE, unsafe=True) == fixed


FOOTBALL_NEWS = [
    doc(
        "Lịch thi đấu vòng 5 V-League: Nam Định gặp Hà Nội FC",
        "Thứ bảy, 14/10/2023",
        "Theo lịch thi đấu, đội bóng thành Nam sẽ tiếp đón Hà Nội FC trên sân Thiên Trường. "
        "Kết quả bóng đá vòng trước cho thấy cả hai đội đều mạnh.",
        "HLV của Nam Định cho biết các cầu thủ đã sẵn sàng. xem lịch thi đấu ngoại hạng Anh ở trang sau.",
        "Trận đấu bắt đầu lúc 18h.",
    ),
    doc(
        "Kết quả bóng đá hôm nay: Việt Nam thắng Thái Lan",
        "Ngày 15/11/2023",
        "Đội tuyển Việt Nam thắng 2-1. Bàn thắng quyết định đến ở phút 88.",
        "lịch thi đấu của đội tuyển được điều chỉnh sau trận.",
    ),
    # a lost space before a fixture word is a typo, not an injection
    doc(
        "Nam Định chuẩn bị cho trận gặp Thể Công",
        "Ngày 2/3/2024",
        "Theolịch thi đấu, đội bóng sẽ ra sân vào tối thứ bảy. Các cầu thủ đã tập luyện cả tuần.",
        "HLV trưởng cho biết đội hình gần như đầy đủ.",
    ),
    doc(
        "Vietnam beat Thailand 2-1 in AFF Cup final",
        "Hanoi, January 5, 2024",
        "Live scores from the match drew millions of viewers, and the V.League fixtures were moved.",
        "Coach Kim Sang-sik said the players had earned the win.",
        "The league will resume next week.",
    ),
]


@pytest.mark.parametrize("text", FOOTBALL_NEWS)
def test_football_news_is_not_spam(text: str) -> None:
    assert lint(text, RULE) == []


# the spam is glued to a date or a number on its left or right: the fix keeps every digit
DATE_GLUE = [
    ("Ngày đăngkèo nhà cái top 21/04/2021", "kèo nhà cái top", "Ngày đăng 21/04/2021"),
    ("Ngày đăngsoi kèo euro 21/04/2021", "soi kèo euro", "Ngày đăng 21/04/2021"),
    ("Ngày đăng nhà cái uy tín21/04/2021", "nhà cái uy tín", "Ngày đăng 21/04/2021"),
    ("Cập nhật 21/04/2021soi kèo euro 08:30", "soi kèo euro", "Cập nhật 21/04/2021 08:30"),
    ("Cập nhật 21/04/2021 soi kèo top 08:30 GMT+7", "soi kèo top", "Cập nhật 21/04/2021 08:30 GMT+7"),
    ("14/03/2021nhà cái uy tín", "nhà cái uy tín", "14/03/2021"),
    ("Thứ hai, 12/10/2020kèo nhà cái u23 1.5", "kèo nhà cái u23", "Thứ hai, 12/10/2020 1.5"),
]


@pytest.mark.parametrize(("line", "span", "clean"), DATE_GLUE)
def test_spam_glued_to_a_date_never_takes_its_digits(line: str, span: str, clean: str) -> None:
    text = doc("Ngân hàng giảm lãi suất cho vay mua nhà", line, *VI_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    host_digits = [c for c in line.replace(span, " ", 1) if c.isdigit()]
    assert [c for c in clean if c.isdigit()] == host_digits
    fixed = fix(text, RULE, unsafe=True)
    assert fixed == doc("Ngân hàng giảm lãi suất cho vay mua nhà", clean, *VI_BODY)
    assert fix(fixed, RULE, unsafe=True) == fixed


def test_debris_before_glued_spam_never_holds_the_host_digits() -> None:
    text = doc("Metro line opens to passengers", "March 20,15kèo nhà cái hôm nay 2025 - 09:10", *EN_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["kèo nhà cái hôm nay"]
    fixed = fix(text, RULE, unsafe=True)
    assert fixed.split("\n")[1] == "March 20,15 2025 - 09:10"


def test_digit_brand_pattern_does_not_take_the_year_of_a_glued_date() -> None:
    text = doc("Ngân hàng giảm lãi suất cho vay mua nhà", "Ngày đăng 21/04/2021win tỷ lệ kèo", *VI_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["tỷ lệ kèo"]
    assert "2021" in fix(text, RULE, unsafe=True).split("\n")[1]


_DATES = ["21/04/2021", "2021-04-21", "08:30", "1.5", "3,000"]
_SPAM = ["soi kèo euro", "kèo nhà cái top", "nhà cái uy tín", "lịch thi đấu ngoại hạng anh vòng"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_DATES), st.sampled_from(_SPAM), st.booleans(), st.booleans())
def test_fixes_keep_every_digit_of_a_glued_date(date: str, spam: str, left: bool, spaced: bool) -> None:
    gap = " " if spaced else ""
    line = f"Ngày đăng {date}{spam}{gap}" if left else f"Ngày đăng{gap}{spam}{date}"
    text = doc("Ngân hàng giảm lãi suất cho vay mua nhà", line, *VI_BODY)
    findings = lint(text, RULE)
    assert findings
    for finding in findings:
        assert not any(c.isdigit() for c in text[finding.start : finding.end])
    fixed_line = fix(text, RULE, unsafe=True).split("\n")[1]
    assert [c for c in fixed_line if c.isdigit()] == [c for c in line if c.isdigit()]
    assert date in fixed_line


def test_unsafe_fix_of_date_line_spam_is_not_rolled_back() -> None:
    config = make_config(RULE, "missing-date")
    text = doc("Ngân hàng giảm lãi suất cho vay mua nhà", "Ngày đăngsoi kèo euro 21/04/2021", *VI_BODY)
    result = fix_document(Document("<test>", text, structure=config.structure), config, unsafe=True)
    assert result.rolled_back == ()
    assert result.document.text.split("\n")[1] == "Ngày đăng 21/04/2021"


def test_vietnamese_promotional_phrase_in_english_copy_with_vietnamese_names() -> None:
    line = (
        "The first metro line of Hồ Chí Minh City opened on Thursday tỷ lệ kèo nhà cái hôm nay, "
        "Deputy Minister Lê Anh Tuấn said."
    )
    text = doc("Metro line opens to passengers", "March 20, 2025", line, *EN_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["tỷ lệ kèo nhà cái hôm nay"]
    assert "another language" in findings[0].message
    assert fix(text, RULE, unsafe=True).split("\n")[2] == (
        "The first metro line of Hồ Chí Minh City opened on Thursday, Deputy Minister Lê Anh Tuấn said."
    )


def test_vietnamese_fixture_phrase_in_english_copy() -> None:
    line = (
        "The line opened on Thursday, officials said lịch thi đấu ngoại hạng anh hôm nay "
        "while riders queued."
    )
    text = doc("Metro line opens to passengers", "March 20, 2025", line, *EN_BODY)
    assert spans(text, lint(text, RULE)) == ["lịch thi đấu ngoại hạng anh hôm nay"]


HELD_OUT = [
    # English tipster spam as a title tail
    (doc("Rice exports climb in first quarter | acca tips today", "Hanoi, March 3, 2024", *EN_BODY),
     "acca tips today", "Rice exports climb in first quarter"),
    # Indonesian slot spam glued after a comma
    (doc("Rice exports climb", "Hanoi, March 3, 2024",
         "Rice exports rose 12 percent in the first quarter,situs slot gacor maxwin the ministry said.",
         *EN_BODY),
     "situs slot gacor maxwin", "Rice exports rose 12 percent in the first quarter, the ministry said."),
    # a Vietnamese results-and-odds line in a story on another topic
    (doc("Giá cà phê hôm nay tăng mạnh", "Thứ hai, 12/10/2020", "Giá cà phê trong nước tăng 500 đồng/kg.",
         "kết quả bóng đá hôm nay tỷ số trực tuyến", "Thương lái thu mua ở mức cao."),
     "kết quả bóng đá hôm nay tỷ số trực tuyến", None),
    # a betting-jargon tail glued to a title with "_"
    (doc("Mưa lớn ở miền Trung_kèo xiên cược chấp hôm nay", "Thứ hai, 12/10/2020", *VI_BODY),
     "kèo xiên cược chấp hôm nay", "Mưa lớn ở miền Trung"),
]


@pytest.mark.parametrize(("text", "span", "clean_line"), HELD_OUT)
def test_betting_and_football_phrases_beyond_the_old_list(
    text: str, span: str, clean_line: str | None
) -> None:
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    fixed = fix(text, RULE, unsafe=True)
    if clean_line is not None:
        assert clean_line in fixed.split("\n")
    assert span not in fixed
    assert fix(fixed, RULE, unsafe=True) == fixed


ABOUT_BETTING = [
    doc(
        "Cảnh báo quảng cáo cá cược trái phép trên mạng",
        "Ngày 3/3/2024",
        'Bộ Thông tin và Truyền thông cho biết nhiều trang nhà cái như w88.com quảng cáo "casino uy tín" '
        "và tỷ lệ kèo trên mạng xã hội.",
        "Cơ quan chức năng đề nghị gỡ bỏ các nội dung cá cược, kèo nhà cái, nổ hũ.",
        "Người dân không nên tham gia cá độ bóng đá.",
    ),
    doc(
        "Phiên chợ quê ngày cuối năm",
        "Ngày 20/1/2024",
        "Ông bà ngồi kỳ kèo giá từng bó rau, rồi gọi thêm nồi lẩu cá kèo cho cả nhà.",
        "Bệnh viện tỉnh vừa triển khai kỹ thuật nội soi mới; đèn soi đường cũng được lắp đặt.",
        "Giải bóng đá thiếu niên được tổ chức tại sân xã.",
    ),
    doc(
        "F88 pawn chain reports higher profit",
        "Hanoi, May 2, 2024",
        "F88 said profit rose, while VinFast, PetroVietnam and GovTech firms expanded. The G77 group met "
        "in April. Vietjet's A321 fleet grew to 88 planes.",
        "The results were published on 21/04/2024.",
    ),
    doc(
        "Vietnam pilots sports betting on international football",
        "Hanoi, May 2, 2024",
        "The pilot allows betting on international football matches; online betting remains illegal.",
        "Officials said bookmakers would be licensed, and betting tips sites are banned.",
        "Casinos for foreigners were also discussed.",
    ),
    doc(
        "Vietnam's lottery revenue rises",
        "Hanoi, May 2, 2024",
        "The state lottery, known as xổ số kiến thiết, raised revenue by 10 percent.",
        "Sales of áo dài and phở also rose in the tourist season.",
    ),
    doc(
        "Police break up an online betting ring in Hải Phòng",
        "Hanoi, May 2, 2024",
        "Police said the ring took bets on Asian handicap and over/under markets through the site "
        "bong88.com and a casino online app.",
        "Investigators seized phones and ledgers, and said the gambling ring moved 200 billion VND.",
    ),
]


@pytest.mark.parametrize("text", ABOUT_BETTING)
def test_news_about_betting_and_words_with_spam_stems_are_not_spam(text: str) -> None:
    assert lint(text, RULE) == []


# glued after an upper-case abbreviation of the date line, or before a capitalised word
ACRONYM_GLUE = [
    ("Feb 26, 2024 15:01 GMTty le keo", "ty le keo", "Feb 26, 2024 15:01 GMT"),
    ("23/09/2024 | 12:43 PMsoi kèo hôm nay", "soi kèo hôm nay", "23/09/2024 | 12:43 PM"),
    ("23/09/2024 | 12:43 PMgo88", "go88", "23/09/2024 | 12:43 PM"),
    ("kèo nhà cái hôm nayNgày đăng 01/10/2020", "kèo nhà cái hôm nay", "Ngày đăng 01/10/2020"),
    ("xổ số miền bắcThứ năm, 01/10/2020", "xổ số miền bắc", "Thứ năm, 01/10/2020"),
]


@pytest.mark.parametrize(("line", "span", "clean"), ACRONYM_GLUE)
def test_spam_glued_to_an_abbreviation_or_a_capitalised_word(line: str, span: str, clean: str) -> None:
    text = doc("Ngân hàng giảm lãi suất cho vay mua nhà", line, *VI_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    assert fix(text, RULE, unsafe=True) == doc("Ngân hàng giảm lãi suất cho vay mua nhà", clean, *VI_BODY)


def test_a_shorter_listed_form_ends_the_phrase_when_the_longer_runs_into_a_word() -> None:
    # "ngoại hạng anhđăng": "ngoại hạng anh" runs into "đăng", "ngoại hạng" does not
    text = doc("Bộ trưởng thảo luận thương mại", "Ngày lịch thi đấu ngoại hạng anhđăng 01/10/2020", *VI_BODY)
    assert spans(text, lint(text, RULE)) == ["lịch thi đấu ngoại hạng"]


def test_fixture_phrase_glued_to_digits_is_spam_even_in_its_weak_category() -> None:
    text = doc("Ministers discuss trade links", "March nhận định bóng đá20, 2025 - 21:38", *EN_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["nhận định bóng đá"]
    assert fix(text, RULE, unsafe=True).split("\n")[1] == "March 20, 2025 - 21:38"


def test_a_number_fused_with_the_host_day_is_left_to_the_host() -> None:
    # "2024" + "20": nobody can tell the spam's year from the host's day, so no digit goes
    text = doc("Ministers discuss trade links", "March soi kèo euro 202420, 2025 - 21:38", *EN_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["soi kèo euro"]
    assert fix(text, RULE, unsafe=True).split("\n")[1] == "March 202420, 2025 - 21:38"


def test_short_vietnamese_date_line_is_not_an_english_line() -> None:
    # "Ng" of "Ngày" is no English word: the foreign evidence counts whole words only
    text = doc("Bộ trưởng thảo luận thương mại", "Ngày đăng 01/10/2020", "Người dân đặt cược vào đội nhà.")
    assert lint(text, RULE) == []


ALONE = [
    "hb88", "xem bóng đá trực tuyến", "new88 đăng nhập", "casino no deposit bonus", "sports betting tips",
]


@pytest.mark.parametrize("spam", ALONE)
@pytest.mark.parametrize("where", ["after-title", "end"])
def test_short_spam_line_on_a_topic_no_other_line_touches(spam: str, where: str) -> None:
    title, *body = ("Ministers discuss trade links", "March 20, 2025 - 21:38", *EN_BODY)
    lines = [title, spam, *body] if where == "after-title" else [title, *body, spam]
    text = doc(*lines)
    findings = lint(text, RULE)
    assert spans(text, findings) == [spam]
    assert findings[0].fix is not None and findings[0].fix.applicability is Applicability.UNSAFE
    assert fix(text, RULE, unsafe=True) == doc(title, *body)


def test_short_keyword_line_in_an_article_on_its_topic_is_not_reported() -> None:
    text = doc(
        "Thí điểm kinh doanh đặt cược bóng đá quốc tế",
        "Ngày 12/1/2024",
        "Nghị định cho phép đặt cược bóng đá quốc tế; cá cược thể thao trực tuyến vẫn bị cấm.",
        "kèo nhà cái",
        "Người chơi phải đủ 21 tuổi.",
    )
    assert lint(text, RULE) == []


def test_short_spam_line_never_deletes_a_date_glued_to_it() -> None:
    text = doc("Ministers discuss trade links", "kubet01/10/2020", *EN_BODY)
    fixed = fix(text, RULE, unsafe=True)
    assert "01/10/2020" in fixed.split("\n")[1]


def test_ranking_words_in_a_story_on_universities_are_not_fixture_spam() -> None:
    text = doc(
        "Hai đại học Việt Nam vào bảng xếp hạng châu Á",
        "Ngày 8/11/2023",
        "Theo kết quả công bố, hai trường lọt bảng xếp hạng top 500 của châu Á năm nay.",
        "Các trường được đánh giá cao về nghiên cứu và tỷ lệ sinh viên có việc làm.",
        "Bộ Giáo dục cho biết sẽ tiếp tục hỗ trợ các trường nâng hạng.",
    )
    assert lint(text, RULE) == []


@pytest.mark.parametrize(
    "title",
    [
        "Nam Định thắng đậm Hà Tĩnh, chờ lịch thi đấu vòng 4",
        "Nam Định thắng đậm, xem kết quả bóng đá ngoại hạng anh",
    ],
)
def test_sports_headline_ending_in_fixture_words_over_a_football_story(title: str) -> None:
    text = doc(
        title,
        "Chủ nhật, 5/11/2023",
        "Các cầu thủ Nam Định đã chơi xuất sắc trong trận đấu tối qua.",
        "HLV Vũ Hồng Việt hài lòng với kết quả.",
    )
    assert lint(text, RULE) == []


def test_fixture_words_ending_the_title_of_a_story_on_another_topic() -> None:
    text = doc("Hanoi to widen ring road lịch thi đấu ngoại hạng anh", *EN_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["lịch thi đấu ngoại hạng anh"]
    assert fix(text, RULE, unsafe=True) == doc("Hanoi to widen ring road", *EN_BODY)


BRAND_GLUE = [
    ("March 20,PetroVietnamsoi kèo slovakia 2025 - 21:38", "soi kèo slovakia",
     "March 20,PetroVietnam 2025 - 21:38"),
    ("Hà Nội,VinFastkèo nhà cái hôm nay", "kèo nhà cái hôm nay", "Hà Nội,VinFast"),
    ("Shops sell the iPhonesoi kèo hôm nay in Hanoi, dealers said.", "soi kèo hôm nay",
     "Shops sell the iPhone in Hanoi, dealers said."),
]


@pytest.mark.parametrize(("line", "span", "clean"), BRAND_GLUE)
def test_a_brand_glued_to_spam_is_the_host_s_word_not_debris(line: str, span: str, clean: str) -> None:
    text = doc("Ministers discuss trade links", line, *EN_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == [span]
    assert fix(text, RULE, unsafe=True).split("\n")[1] == clean


GLUED_NUMBER_LINES = ["fb88nhà cái uy tín2024", "kubet11soi kèo", "xsmb2024kết quả xổ số", "keonhacai5"]


@pytest.mark.parametrize("spam", GLUED_NUMBER_LINES)
def test_spam_line_with_numbers_glued_inside_is_deleted_whole(spam: str) -> None:
    title, *body = ("Ministers discuss trade links", "March 20, 2025 - 21:38", *EN_BODY)
    text = doc(title, spam, *body)
    findings = lint(text, RULE)
    assert spans(text, findings) == [spam]
    assert fix(text, RULE, unsafe=True) == doc(title, *body)


def test_listed_brand_keeps_out_the_host_day_glued_after_it() -> None:
    text = doc("Ministers discuss trade links", "March kubet20, 2025 - 21:38", *EN_BODY)
    findings = lint(text, RULE)
    assert spans(text, findings) == ["kubet"]
    assert fix(text, RULE, unsafe=True).split("\n")[1] == "March 20, 2025 - 21:38"


# ----- the document gate: no keyword and no "_" means nothing to report ----------------------
_GATE_PIECES = ["Hà Nội mở rộng đường", "_", " _ ", "soi kèo", "nhà cái", "fb88", "tỷ số", "ngoại hạng anh",
                "The ring road opens", "\n", "\n\n", " | ", "2025", "kubet11", "hôm nay", " ", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GATE_PIECES), min_size=1, max_size=10).map("".join))
def test_a_reported_document_has_a_keyword_or_an_underscore(text: str) -> None:
    """``check`` stops before finding the title when no keyword matched and the text has no
    "_": the underscore tail is the only finding without a keyword, and it needs a "_"."""
    findings = lint(text + "\n", RULE)
    if findings:
        document = Document(path="t.txt", text=text + "\n")
        assert "_" in text or _Context(document, _default_options()).keyword_matches()


def test_a_document_without_keyword_or_underscore_never_builds_its_lines() -> None:
    rule = load_config(isolated=True).rule(RULE)
    assert rule is not None
    document = Document(path="t.txt", text=doc("Hà Nội mở rộng đường vành đai", "01/10/2020", *EN_BODY))
    assert list(check(document, rule)) == []
    assert "lines" not in document.__dict__
    underscored = Document(path="t.txt", text=doc("Hà Nội mở rộng đường vành đai_tỷ số bóng đá", *EN_BODY))
    assert [f.start for f in check(underscored, rule)] == [len("Hà Nội mở rộng đường vành đai") + 1]


# ----- machine data: hashes, IDs and base64 spell keywords by chance -------------------------
def _random_hex(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(length))


def _random_base64(rng: random.Random, size: int) -> str:
    return base64.b64encode(rng.randbytes(size)).decode()


MACHINE_DATA_LINES = [
    # a brand pattern ("[a-z]{1,6}99", "...86") matches inside each token, glued on both sides
    "Mã tham chiếu của lệnh chuyển tiền là 7c1e88de99ab4f20, người gửi cần giữ lại.",
    "Tệp cập nhật có mã SHA-256 4f86d02b7c9e1a35fb6e09d7c2a81f4e3b5d6c7a8e9f0b1c2d3e4f5a6b7c8d9e.",
    "Request ID: 5b0e2f1a-9c86-4d3b-a7e1-0f2c3de99a41, retry later.",
    "The page embeds <img src=\"data:image/gif;base64,"
    "R0lGODlhAQABAIAAAP9bk8XyTeE88zKE66wAAAAACH5BAEAAAAALAAAAAA=\">.",
]


@pytest.mark.parametrize("line", MACHINE_DATA_LINES)
def test_keywords_inside_machine_data_are_not_spam(line: str) -> None:
    text = doc("Ngân hàng công bố mã giao dịch mới", "Ngày 12/03/2024", "", line, *VI_BODY)
    assert lint(text, RULE) == []
    assert fix(text, RULE, unsafe=True) == text


def test_random_hashes_and_base64_are_not_spam() -> None:
    rng = random.Random(7)
    lines = [f"Mã {_random_hex(rng, 40)} và tệp {_random_base64(rng, 90)} đã được lưu." for _ in range(200)]
    text = doc("Kho lưu trữ cập nhật dữ liệu", "Ngày 12/03/2024", "", *lines, *EN_BODY)
    assert lint(text, RULE) == []


def test_spam_glued_to_words_and_dates_is_still_found_next_to_machine_data() -> None:
    text = doc(
        "Ngân hàng công bố mã giao dịch mới",
        "Apr 2, 2021fb88 link vào",
        "",
        "Mã tham chiếu là 3fa85f64c788de99ab12, khách hàng cần lưu lại.",
        "Tin mới,NhaCaiUyTin2024Fb88 theo dõi ngay.",
        *VI_BODY,
    )
    found = spans(text, lint(text, RULE))
    assert "fb88 link vào" in found
    assert any("Fb88" in span for span in found)
    assert not any(span in "3fa85f64c788de99ab12" for span in found)


def test_a_long_line_of_machine_data_builds_no_phrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100 KB hexadecimal or base64 line once took minutes: hundreds of chance "keywords",
    each judged with work proportional to the line. None of them may reach the evidence."""
    from lint_news.kinds.seo_spam import evidence

    rng = random.Random(11)
    text = doc("Tin nhanh", "Ngày 12/03/2024", "", _random_hex(rng, 100_000),
               '<img src="data:image/png;base64,' + _random_base64(rng, 75_000) + '">', *EN_BODY)
    judged: list[object] = []
    real_evidence = evidence._evidence
    monkeypatch.setattr(evidence, "_evidence", lambda *args: judged.append(args) or real_evidence(*args))
    assert _Context(Document(path="t.txt", text=text), _default_options()).keyword_matches() == {}
    started = time.perf_counter()
    assert lint(text, RULE) == []
    assert judged == []
    assert time.perf_counter() - started < 5  # (minutes before; a fraction of a second now)
