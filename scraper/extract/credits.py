"""A caption's credit (photographer, agency, rights line) kept apart from what the caption says.

Two ways, tried in order: the markup (a credit-classed element, `<small>` or `<cite>` inside or beside the
caption), then the text ("… Ảnh: TTXVN", "(Foto: dpa)", "© BELGA", "Photo by …", "… in Kyiv. HANDOUT / AFP").
Interface words that caption widgets print ("Camera Icon", "Enlarge", "Phóng to", "Legende:") are removed too.
"""
from __future__ import annotations

import copy
import re

from scraper.extract.dom import (LINES_APART, UNREAD_TAGS, class_and_id, is_hidden, lines_of, remove_keep_tail,
                                 shown_text, tag_of, text_of)

CREDIT_CLASS = re.compile(r"credit|copyright|photographer|fotograf|byline|author|source|quelle|rights|"
                          r"attribution|courtesy|bildnachweis|agency|distributor|signature|tac-?gia|nguon")
_CREDIT_TAGS = frozenset({"small", "cite"})
_MARK = "data-scraper-credit"  # set for the moment of a copy: which nodes of the copy to leave out
_INTERFACE_CLASS = re.compile(r"(^|[\s_-])(icon|sr-only|visually-hidden|screen-reader\w*|hidden|toggle|expand|"
                              r"enlarge|zoom|fullscreen|button|btn)($|[\s_-])")
# a slideshow's counter: "Bild 3 von 8", or "1 of 12" and "1/12" before a capital, a separator or nothing ("1 of 3
# children" is text, "5 von 5 Punkten" a rating)
_COUNTER = (r"(?:(?:image|photo|picture|slide|bild|foto|ảnh)\s+\d{1,3}\s*(?:/|of|von|de|sur|di|av|z)\s*\d{1,3}|"
            r"\d{1,3}\s*(?:/|of)\s*\d{1,3}(?=\s*(?:[:|.–-]|$|(?-i:[A-ZÀ-Ý\"“]))))")
_INTERFACE_WORDS = (rf"{_COUNTER}|(click|tap)( here)? to (enlarge|expand|zoom|view)|zoom in|zoom out|view gallery|"
                    r"open in gallery|play video|vollbild|schließen|fermer|cerrar|chiudi|agrandir l['’]image|"
                    r"ver imagen|camera icon|enlarge( this image| image)?|"
                    r"expand|zoom|close|caption|open gallery|view image|"
                    r"toggle caption|hide caption|show caption|phóng to|thu nhỏ|legende|bildunterschrift|"
                    r"vergrößern|bild vergrößern|agrandir|ampliar|fullscreen|trackback( url)?|learn more( at)?|"
                    r"mehr erfahren|(share|teilen|partager|compartir|condividi) (on|auf|sur|en|su) \w+|"
                    # a gallery's button: "43 Bilder", "12 photos"
                    r"\d+ (bilder|fotos|photos|images|pictures|immagini|imágenes|imagens|zdjęć|ảnh)|"
                    # an ad slot's label under its picture
                    r"advertisement|anzeige|werbung|publicité|publicidad|pubblicità|reklama|sponsored|quảng cáo")
# a whole word ("Expanding cities" is a caption), or an icon's label run into the caption ("Camera IconFederal")
_INTERFACE_LABEL = rf"(?:{_INTERFACE_WORDS})(?:(?!\w)|(?<=icon)(?=[A-ZÀ-Ý]))\s*[:|]?\s*"
_INTERFACE_PREFIX = re.compile(rf"^(?:{_INTERFACE_LABEL})+(?=\S)", re.IGNORECASE)
_INTERFACE_ONLY = re.compile(rf"^(?:{_INTERFACE_LABEL})+$", re.IGNORECASE)
_LABEL_WORDS = (r"ảnh|nguồn|photo(?:graph)?s?|photographer|fotograf(?:in)?|fotógrafo|photographe|image|imagen|"
                r"picture|pic|credits?|foto(?:s|grafie|ğraf|graf[ií]a)?|fotó|"
                r"fot\.|φωτ\.|(?:symbol|archiv|titel|presse)?(?:bild|foto)(?:quelle|nachweis|rechte)?|kuva|billede|"
                r"beeld|bron|zdroj|źródło|zdjęcie|izvor|sursa|sumber|kaynak|fuente|source|quelle|crédito|crédits?|"
                r"photographie|copyright|courtesy|provided|submitted|contributed|illustration|ilustração|"
                r"ilustración|grafik|video|фото|источник|джерело|φωτογραφία|צילום|تصوير|صورة|عکس|ภาพ|फोटो|तस्वीर|"
                r"写真|사진|图片|圖片|图|圖|摄影|攝影")
# a label may have a second word ("Photo credit:", "Crédits photo :", "Image source", "Photo courtesy of"), name two
# media ("Ảnh/Video:", "Foto/Video:") or say what kind of picture it is ("File photo:", "Ilustrační foto:",
# "Zdjęcie ilustracyjne:", "Foto de archivo:", "Ảnh minh họa:", "Ảnh tư liệu:")
_PICTURE_KIND = r"file|archive|stock|ilustrační|archivní|ilustracyjne|ilustrativ[ao]|de archivo|de arquivo|" \
                r"minh họa|minh hoạ|tư liệu"
_CREDIT_LABEL = rf"(?:(?:{_PICTURE_KIND})\s+)?(?:{_LABEL_WORDS})(?:\s*/\s*(?:{_LABEL_WORDS}))?" \
                rf"(?:\s+(?:{_PICTURE_KIND}|credits?|photo|foto|illustration|courtesy|source))?"
# what ends a label: a colon (full-width in CJK captions, "=" in Korean ones: "사진=연합뉴스"), "by", the "of"
# of "courtesy of", or an abbreviation's full stop ("Fot. Ann Lee / PAP")
_LABEL_END = r"\s*(?:[:：=]|\bby\b|(?<=courtesy)\s+of\b|(?<=\.)(?=\s))\s*"
# "… Ảnh: Văn B", "(Foto: dpa)", "Photo by Ann Lee", "| Credit: Oliver Lane": a capitalized label (or one in
# brackets) with a colon, or "by"; a lowercase "foto de familia" in a sentence is no label.
_LABELLED_TAIL = re.compile(rf"(?:^|(?<=[\s(\[|./（]))(?P<open>[(\[（]?)(?P<label>{_CREDIT_LABEL}){_LABEL_END}"
                            r"(?P<credit>.{2,120}?)\s*$", re.IGNORECASE)
_COPYRIGHT_TAIL = re.compile(r"[\s(]*(?:©|\(c\)|（[cｃＣ]）|copyright)\s*(?P<credit>[^©]{2,120}?)\)?\s*$",
                             re.IGNORECASE)
# Japanese captions end with who took the photo in brackets: "…で（山田太郎撮影）", "（代表撮影）" (a pool photo)
_PHOTOGRAPHED_TAIL = re.compile(r"[（(](?P<credit>[^（）()]{1,40}?)撮影[）)]\s*$")
# After the caption's last sentence: a bracketed source "(U.S. District Court)", or a short segment with an
# agency's slash, an agency's name, or in capitals ("HANDOUT / AFP", "EFE/ J.J. Guillén", "Getty Images"), or
# of at most three capitalized words ("Tara Atkinson", "연합뉴스"; "File image" is not one).
_BRACKETED_TAIL = re.compile(r"\s*[(\[（](?P<credit>[^()\[\]（）]{2,60})[)\]）]\s*$")  # "[Ann Lee/Reuters]", "（共同）"
_AFTER_SENTENCE = re.compile(r"(?<=[.!?…”\"»。])(?<!\b[A-Z]\.)\s*(?P<credit>\([^()]{2,80}\)|"
                             r"(?:[^.!?…()。]|(?<=\b[A-Z])\.){2,60}(?:\([^()]*\))?)$")
MAX_CREDIT_WORDS = 7
MAX_SOURCE_WORDS = 12  # a bracketed source line: "(U.S. District Court, Eastern District of New York)"
MAX_NAME_WORDS = 3
_ROLE_WORDS = re.compile(r"(?:\s+(?:PV|reporter)|\s*(?:기자|記者|撮影|摄|攝|특파원))$", re.IGNORECASE)
_AGENCIES = re.compile(r"\b(AP|AFP|Reuters|REUTERS|dpa|EPA|APA|ANP|ANSA|EFE|Getty( Images)?|Shutterstock|iStock\w*|"
                       r"Imago|IMAGO|Keystone|KEYSTONE|[Pp]icture[- ][Aa]lliance|Xinhua|TTXVN|VNA|Yonhap|Kyodo|Anadolu|"
                       r"Belga|BELGA|NTB|Scanpix|Ritzau|PAP|ČTK|CTK|AAP|PA( Images| Wire)?|Bloomberg|NurPhoto|SOPA|"
                       r"Sipa|Alamy|Unsplash|Pixabay|Handout|HANDOUT|Supplied|Archiv\w*|Privat|Screenshot\w*|"
                       r"ANTARA|Antara|Lusa|Europa Press|TASS|ТАСС|РИА Новости|Укрінформ|共同|時事|新华社|新華社|中新社|"
                       r"Facebook|Instagram|Twitter|YouTube|TikTok|"
                       r"연합뉴스|뉴스1|뉴시스|رويترز|أ ف ب|الأناضول)\b")

# A credit before the caption's words: labelled, and slashed or an agency's name ("Foto: dpa/Ann Lee Riders board
# …", "Ảnh: TTXVN Toàn cảnh …"); other words after a label are the caption's ("Video: The mayor speaks …")
_LABELLED_HEAD = re.compile(rf"^(?i:{_CREDIT_LABEL})\s*[:：]\s*(\S+/\S+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý.-]+)*|"
                            rf"(?:{_AGENCIES.pattern}))\s+(?=\S)")


def _is_interface(element) -> bool:
    return tag_of(element) in UNREAD_TAGS or is_hidden(element) or \
        bool(_INTERFACE_CLASS.search(class_and_id(element)))


def _without(element, doomed, apart: str = " ") -> str:
    """The element's text with the given descendants (and interface widgets) taken out, their tails kept, its
    lines `apart`. The copy is made only when something is to go: most captions hold neither."""
    if not doomed and not any(_is_interface(n) for n in element.iter() if n is not element and isinstance(n.tag, str)):
        return shown_text(element, apart)
    for node in doomed:
        node.set(_MARK, "")
    clone = copy.deepcopy(element)
    for node in doomed:
        del node.attrib[_MARK]
    for node in [n for n in clone.iter() if n is not clone and isinstance(n.tag, str)]:
        if (node.get(_MARK) is not None or _is_interface(node)) and node.getparent() is not None:
            node.tail = f" {node.tail}" if node.tail else node.tail
            remove_keep_tail(node)
    return shown_text(clone, apart)


def visible_text(element) -> str:
    """What a reader sees of the element: its text without buttons, icons and screen-reader labels."""
    return _without(element, ())


MAX_CREDIT_LINE_CHARS = 80
_LABELLED_LINE = re.compile(rf"^(?:{_CREDIT_LABEL}){_LABEL_END}\S", re.IGNORECASE)
_BARE_LABEL = re.compile(rf"^(?:{_LABEL_WORDS})\s+", re.IGNORECASE)
# "Foto: dpa", "© dpa", "Photo/AFP", "图/新华社" (but "Foto/Video: dpa" is one label)
_LABEL_AT_START = re.compile(rf"^(?:{_CREDIT_LABEL}){_LABEL_END}|^(?:©|\(c\))\s*|"
                             rf"^(?:{_LABEL_WORDS})\s*/\s*(?!(?:{_LABEL_WORDS})\b)(?=\S)", re.IGNORECASE)


def credit_elements(scope, caption_element) -> list:
    """Credit-marked elements in the caption or beside it in the image's wrapper, outermost only; beside it,
    a short element that is all a labelled credit ("Foto: Ann Lee"), or that right after the caption reads as one
    ("Getty Images", "Ann Lee"), counts as marked."""
    found = []
    inside = {id(node) for node in caption_element.iter()}
    for node in scope.iter():
        if node is caption_element or not isinstance(node.tag, str) or any(node in f.iter() for f in found):
            continue
        if node.find(".//img") is not None or not (text := text_of(node)):
            continue
        if tag_of(node) in _CREDIT_TAGS or CREDIT_CLASS.search(class_and_id(node)) or (
                id(node) not in inside and len(text) <= MAX_CREDIT_LINE_CHARS and (
                    _LABELLED_LINE.match(text) or node is caption_element.getnext() and _reads_as_credit(text))) \
                or _is_last_part_credit(node, caption_element, text):
            found.append(node)
    return found


def _is_last_part_credit(node, caption_element, text: str) -> bool:
    """The caption's last element, after its words and with nothing after it, naming who made the picture:
    `<figcaption><span>Riders board a bus</span><span>Ann Lee</span></figcaption>`, set apart by the markup
    alone. A link there is what the caption speaks of ("Wall paint by <a>Farrow & Ball</a>")."""
    return node.getparent() is caption_element and node is caption_element[-1] and tag_of(node) != "a" \
        and not (node.tail or "").strip() and bool((caption_element.text or "").strip() or len(caption_element) > 1) \
        and _reads_as_credit(text)


def _reads_as_credit(text: str) -> bool:
    """An unlabelled line after the caption that names who made the picture; a count ("See all 2 pictures")
    is the gallery's button."""
    return _looks_like_credit(text) and not any(map(str.isdigit, text))


def clean_label(text: str) -> str:
    """Interface words that open a caption ('Camera Icon', 'Legende:', 'Phóng to') are not what it says."""
    return "" if is_interface_text(text) else _INTERFACE_PREFIX.sub("", text).strip()


def is_interface_text(text: str) -> bool:
    return bool(_INTERFACE_ONLY.match(text.strip()))


def opens_with_interface(text: str) -> bool:
    """A picture's button run into its words ("Enlarge (Photo: …)"): a picture's link, not a story's."""
    return bool(_INTERFACE_PREFIX.match(text.strip()))


def _trim(credit: str) -> str:
    """Separators and brackets around a credit go; a bracket that belongs to it ("Ann Lee (AFP)") stays."""
    credit = credit.strip(" \t\n|·•-–—,;:=＝[]（）")
    if credit.endswith(")."):  # "… (Ảnh: Ann Lee).": the caption's full stop after its credit's bracket
        credit = credit[:-1]
    while credit.startswith("(") and credit.count("(") > credit.count(")"):
        credit = credit[1:].strip()
    while credit.endswith(")") and credit.count(")") > credit.count("("):
        credit = credit[:-1].strip()
    if credit.startswith("(") and credit.endswith(")") and credit.count("(") == 1:
        credit = credit[1:-1].strip()
    return _ROLE_WORDS.sub("", credit)


def _labelled_tail(text: str):
    """A labelled credit ending the text, its label capitalized, in brackets, at the text's start or an
    abbreviation ("fot. PAP"): a lowercase "foto de familia" in a sentence is no label."""
    for match in _LABELLED_TAIL.finditer(text):
        label = match.group("label")
        if match.start() == 0 and not match.group("open") and _reads_as_prose(match.group("credit")):
            continue  # "Video: The mayor speaks at …": a label over the caption's words, not a credit
        if match.group("open") or not label[0].islower() or match.start() == 0 or label.endswith("."):
            return match
    return None


_SOURCE_LIST_MARKS = ("/", "|", ";", "©")


def _reads_as_prose(text: str) -> bool:
    """More words than a credit has, none of the marks that list sources ("Bundesarchiv/via Wikipedia; CC-BY")."""
    return len(text.split()) > MAX_CREDIT_WORDS and not any(mark in text for mark in _SOURCE_LIST_MARKS)


MIN_WORDS_AFTER_HEAD = 2  # "Photo: Ann Lee" is all credit, not the caption "Lee" credited to "Ann"


def split_text(text: str) -> tuple[str, str | None]:
    """A credit written into the caption's text, at its end (or, labelled, at its start). A text that is all
    credit ("/Getty Images/iStockphoto", "(The Independent)") leaves an empty caption."""
    if _is_credit_alone(text):
        return "", _strip_label(_trim(text))
    match = _LABELLED_HEAD.match(text)
    if match and len(text[match.end():].split()) >= MIN_WORDS_AFTER_HEAD:
        return text[match.end():].strip(), _trim(match.group(1))
    match = _labelled_tail(text) or _COPYRIGHT_TAIL.search(text) or _PHOTOGRAPHED_TAIL.search(text)
    if match and _trim(match.group("credit")):
        return text[:match.start()].rstrip(" -–—|,;:(（"), _trim(match.group("credit"))
    if _is_slashed_credit(text.strip()):
        return "", _trim(text)
    match = _AFTER_SENTENCE.search(text) or _BRACKETED_TAIL.search(text)
    if match and match.start() > 0 and _looks_like_credit(match.group("credit")) and (
            match.re is _AFTER_SENTENCE or _is_agency_credit(match.group("credit"))):
        return text[:match.start()].rstrip(), _strip_label(_trim(match.group("credit")))
    return text, None


def _is_credit_alone(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith("/") or (stripped.startswith("(") and stripped.endswith(")")
                                        and stripped.count("(") == 1)


# a photographer's name and the outlet, every word capitalized: "Ann Lee/NPR", "Jo Roe / The Times"
_NAME_WORD = r"[A-ZÀ-Ý][\w.'’-]*"  # a capitalized word of a person's name
_OUTLET_WORD = r"[A-ZÀ-Ý0-9][\w.&'’-]*"  # a word of an outlet's name ("The Times", "AT&T", "9News")
_NAMES_AND_OUTLET = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}\s*/\s*{_OUTLET_WORD}"
                               rf"(?:\s+{_OUTLET_WORD}){{0,3}}$")


def _is_slashed_credit(text: str) -> bool:
    """A line of a few words, no sentence, naming who made the picture with a slash: an agency ("STR/Getty
    Images", "EFE/ Ann Lee") or a name and its outlet ("Ann Lee/NPR"); "EU/US trade talks" is a caption."""
    return "/" in text and len(text.split()) <= MAX_CREDIT_LINE_WORDS and not text.endswith((".", "!", "?", ":")) \
        and not _SENTENCE_END.search(text) and bool(_AGENCIES.search(text) or _NAMES_AND_OUTLET.match(text))


_SENTENCE_END = re.compile(r"[a-zà-ÿ]{2}[.!?]\s")  # "Fans at the stadium. Photo/AFP" is a caption and its credit


def _is_agency_credit(text: str) -> bool:
    """A bracketed agency or name-and-outlet at the end of a caption with no full stop ("… in Kyiv (Reuters)")."""
    return bool(_AGENCIES.search(text)) or _is_slashed_credit(text)


MAX_CREDIT_LINE_WORDS = 6


def is_credit_line(text: str) -> bool:
    """A line that is only a picture's credit ("Photo: AFP", "STR/Getty Images", "© Ann Lee"), left in the text
    where a caption was not found: a labelled or ©-led line, or an agency's name with a slash, of a few words
    and no sentence."""
    stripped = text.strip()
    if stripped.startswith("(") and stripped.endswith(")"):  # "(Photo: Ann Lee / Agency)"
        stripped = stripped[1:-1].strip()
    words = stripped.split()
    if not 0 < len(words) <= MAX_CREDIT_LINE_WORDS or stripped.endswith((".", "!", "?", ":")):
        return False
    if _LABELLED_LINE.match(stripped) or stripped.startswith("©"):
        return True
    return _is_slashed_credit(stripped)  # "Agencia EFE" alone, without a slash, signs a wire story


# after a sentence, a name and the outlet it worked for, the outlet an acronym, "The …" or two capitalized words:
# "Ann Lee for The Times", "Ann Lee | The Courier", "Ann Lee for NPR" ("Tickets for Tuesday" is no credit)
_NAME_FOR_OUTLET = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}\s+(?:for|\|)\s+"
                              rf"(?:The\s+\S.*|[A-Z]{{2,}}\S*|[A-ZÀ-Ý][\w.&'’-]*(?:\s+{_OUTLET_WORD}){{1,3}})$")
# where the picture came from, as local papers say it: "Submitted photo", "File photo", "Courtesy photo"
_PICTURE_OF_KIND = re.compile(r"^(?:submitted|contributed|courtesy|file|staff|handout|pool|stock)\s+"
                              r"(?:photo|image|picture)s?$", re.IGNORECASE)


def _looks_like_credit(segment: str) -> bool:
    """A short segment naming who made the picture: it has letters ("2016" ending a caption is its year)."""
    segment = segment.strip()
    words = segment.split()
    if not any(map(str.isalpha, segment)):
        return False
    if segment.startswith("(") and segment.endswith(")"):  # one word in brackets is an agency's, or a place's
        return len(words) <= MAX_SOURCE_WORDS and (len(words) > 1 or bool(_AGENCIES.search(segment))
                                                   or segment.isupper() or "/" in segment)
    if not 0 < len(words) <= MAX_CREDIT_WORDS:
        return False
    if "/" in segment or _AGENCIES.search(segment) or segment.isupper() or _NAME_FOR_OUTLET.match(segment) \
            or _PICTURE_OF_KIND.match(segment):
        return True
    return len(words) <= MAX_NAME_WORDS and all(not w[0].isalpha() or w[0].isupper() or not w[0].isascii()
                                                 and not w[0].islower() for w in words)


def caption_and_credit(caption_element, scope) -> tuple[str, str | None]:
    """The caption's own words and its credit, from the markup first, then from the text."""
    credits = credit_elements(scope, caption_element)
    inside = [c for c in credits if any(c is d for d in caption_element.iter())]
    lines = lines_of(_without(caption_element, inside, LINES_APART))  # the last may be the credit
    text = clean_label(" ".join(lines))
    marked = "; ".join(dict.fromkeys(_trim(clean_label(text_of(c))) for c in credits if _trim(text_of(c))))
    if marked and not is_interface_text(marked):
        labelled = _labelled_tail(text) or _LABELLED_HEAD.match(text)
        return split_text(text)[0] if labelled else text, _strip_label(marked) or None
    caption, credit = split_text(text)
    if credit is None and len(lines) > 1 and _reads_as_credit(lines[-1]):
        return clean_label(" ".join(lines[:-1])), _trim(lines[-1])  # "Riders board a bus<br>Ann Lee"
    return caption, credit


def _strip_label(credit: str) -> str:
    """'Foto: dpa' → 'dpa', 'Photo by Ann Lee' → 'Ann Lee', '© BELGA' → 'BELGA'; a label without a colon only
    before an agency or a name and outlet ('Beeld ANP', 'Photo Ann Lee / AFP', not 'Picture Alliance')."""
    match = _LABEL_AT_START.match(credit)
    if match:
        return _trim(credit[match.end():])
    match = _BARE_LABEL.match(credit)
    if match and not _AGENCIES.match(credit) and _is_agency_credit(credit[match.end():]):
        return credit[match.end():]
    return credit
