"""One reading of Telegram's HTML for both sides: the services' checks before queueing and the
fake Bot API's entities must agree on every text, with the server's wording for errors."""

from __future__ import annotations

import pytest

from bot.fakes.telegram import EntityParseError, parse_html
from bot.services.broadcast import telegram_html
from bot.telegram_markup import HtmlError, parse

SAMPLES = [
    "plain",
    "  <b>Жирный</b> &lt;тег&gt; 😀<i>к</i>  ",
    '<a href="https://e.org/?q=1&amp;r=2">c</a>',
    '<pre><code class="language-python">x = 1</code></pre>',
    "<blockquote expandable>long</blockquote>",
    '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
    '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    "&#65;&#x42;&#0;&nbsp;&amp",
    "<b>a</>",
    "Итого: 5 < 6",
    "<br>",
    "<span>x</span>",
    "<b>x</i>",
    "<b>жирный",
    "</b>",
    "<b x='1>",
    "<a href=a/b>c</a>",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_services_and_the_fake_read_a_text_alike(text: str) -> None:
    try:
        fake_text, _ = parse_html(text)
    except EntityParseError as refused:
        with pytest.raises(HtmlError) as caught:
            telegram_html.plain_text(text)
        assert caught.value.telegram == str(refused)
    else:
        assert telegram_html.is_valid(text)
        assert telegram_html.plain_text(text) == fake_text.strip()


def test_an_error_names_the_character_for_people_and_the_byte_for_the_api() -> None:
    with pytest.raises(HtmlError) as caught:
        parse("Итого: 5 < 6")
    assert str(caught.value) == "unsupported tag <> at character 10"
    assert caught.value.telegram == 'Unsupported start tag "" at byte offset 14'


def test_attribute_values_know_only_telegrams_entities() -> None:
    # Telegram supports &lt; &gt; &amp; &quot; and numeric references, nothing else: "&nbsp;"
    # stays as written, in an attribute as in text.
    _, [link] = parse('<a href="https://e.org/?a=&nbsp;&#65;&quot;">x</a>')
    assert link.url == 'https://e.org/?a=&nbsp;A"'
    assert parse("a&nbsp;b")[0] == "a&nbsp;b"


def test_an_end_tag_with_nothing_open_is_reported_before_its_shape() -> None:
    # tdlib checks for an open tag first, so "</b " is an unexpected end tag, not an unclosed one.
    with pytest.raises(HtmlError) as caught:
        parse("</b ")
    assert caught.value.telegram == "Unexpected end tag at byte offset 0"
