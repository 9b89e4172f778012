"""Lines that are no text wherever they stand in the article: interface words, counters, an ad slot's label, a
pointer to other stories, a picture's credit, a bare date. Each is judged alone, by its words; where a line
stands (first, last, under which heading) is body.py's business.
"""
from __future__ import annotations

import re

from scraper.extract.credits import is_credit_line
from scraper.extract.dates import parse_date

_NOISE_LINE = re.compile(
    r"^(cỡ chữ|chia sẻ|in tin bài|lưu tin bài|gửi email|in bài|in trang|bản in|quay lại|về đầu trang|"
    r"share|tweet|print|email|advertisement|quảng cáo|sponsored|tin liên quan|xem thêm|đọc thêm|read more|"
    r"sign up|subscribe|related|loading|back to top|follow us|comments?)\b",
    re.IGNORECASE,
)
# The label an ad slot leaves behind, alone on its line, in the languages of the news sites we know of
_AD_LABEL = re.compile(r"^[-–—\s]*(advertisement|advert|ad|ads|anzeige|werbung|reklam|reklama|reklame|publicité|"
                       r"publicidad|publicidade|pubblicità|annonse|annons|annonce|mainos|hirdetés|oglas|"
                       r"advertentie|διαφήμιση|реклама|広告|광고|广告|quảng cáo)[-–—\s]*$", re.IGNORECASE)
# A pointer to other stories or a widget's prompt, alone on its line: "Lesen Sie auch", "Veja também:"
_POINTER_LABEL = re.compile(
    r"^(lesen sie auch|lies auch|mehr zum thema|verwandte (artikel|themen|beiträge)|weitere artikel|zum weiterlesen|"
    r"(das|dies\w*)( \w+)? könnten? (sie|dich|euch) (auch )?interessieren|veja também|leia também|leia mais|"
    r"lea también|lee también|"
    r"artículos relacionados|noticias relacionadas|lire aussi|à lire aussi|sur le même sujet|leggi anche|"
    r"articoli correlati|weitere themen|czytaj (też|także)|przeczytaj (też|także)|lees ook|læs også|les også|läs också|"
    r"читайте также|関連記事|관련 ?기사|相关阅读|相关新闻|you (may|might) also (like|be interested in)|"
    r"more on this( story)?|"
    r"see also|also read|kommentieren|kommentare geschlossen|rezept drucken|artikel drucken|"
    r"like it\? share it!?)\s*[:.…]?$", re.IGNORECASE)
_COUNTER_LINE = re.compile(r"^(lượt xem|lượt đọc|số lượt xem|đã xem|lượt truy cập|views?|hits|reads)\s*:?\s*[\d.,]+"
                           r"(\s*(lượt|views?|lần))?$", re.IGNORECASE)
# A comment counter, "Keine Kommentare", "3 comments", "Aucun commentaire"
_COMMENT_COUNT = re.compile(r"^([\d.,]+|no|keine|kein|aucun|sin|nessun|geen|brak|chưa có)\s+(comments?|kommentare?|"
                            r"commentaires?|comentarios?|comentários?|commenti|commento|reacties|reactie|komentarzy|"
                            r"bình luận)(\s*\([^)]*\))?$", re.IGNORECASE)  # "(comments show once approved)"
# The comment form's notice to a reader not signed in (WordPress and forum software say it in every language)
_SIGN_IN_NOTICE = re.compile(r"^(you must be logged in to (post|leave) a comment|sie müssen (sich )?(angemeldet|"
                             r"eingeloggt) sein|sie müssen sich (anmelden|einloggen)|vous devez être connecté|"
                             r"debes (estar registrado|iniciar sesión|estar conectado)|você precisa fazer (o )?login|"
                             r"devi essere connesso)\b", re.IGNORECASE)
# A prompt to rate the page, left by its feedback widget: "Was this article helpful?", "Wie bewerten Sie diesen
# Artikel?"
_FEEDBACK_PROMPT = re.compile(r"^(was this (article|post|page|story) (helpful|useful)|how (useful|helpful) was this "
                              r"(article|post|page|story)|rate this (article|post|page|story|recipe)|wie (bewerten|"
                              r"finden) sie (diesen|dieses|diese) (artikel|beitrag|seite|rezept)|(war|ist) (dieser|"
                              r"dieses|diese) (artikel|beitrag|seite) hilfreich|cet article vous a-t-il été utile|"
                              r"¿(te|le) (ha )?(resultó|sido|fue|pareció) útil (este|esta) (artículo|nota|página))"
                              r"\s*[?.!:]?$", re.IGNORECASE)
# The comment box's invitation, over or under it: "Tell us what you think", "Leave a reply", "Schreiben Sie einen
# Kommentar"
_COMMENT_PROMPT = re.compile(r"^(tell us what you think|what do you think|leave a (comment|reply)|join the "
                             r"(conversation|discussion)|have your say|share your (thoughts|views|opinion)|"
                             r"(post|add|write) a comment|schreiben sie (uns )?(einen|ihren) kommentar|kommentar "
                             r"(schreiben|verfassen)|diskutieren sie mit|laisser un commentaire|laissez un "
                             r"commentaire|réagissez|deja (un|tu) comentario|deixe (um|seu) comentário|lascia un "
                             r"commento|dejar un comentario)\s*[:.!?…]*$", re.IGNORECASE)
# A table of contents' label, its links gone with the link-dense lines: "Inhaltsverzeichnis", "Contents"
_CONTENTS_LABEL = re.compile(r"^(table of contents|contents|inhaltsverzeichnis|inhalt|sommaire|índice|indice|"
                             r"spis treści|obsah|inhoudsopgave|innehåll|sisällys|mục lục|目次|目录|목차)\s*:?$",
                             re.IGNORECASE)
# What a page says about reading it, or around an ad in the text: "Listen to this article", "Reading time: 3
# minutes", "Lesezeit: 3 Min.", "Story continues below advertisement", "Weiterlesen nach der Anzeige", a slideshow's
# "Image 1 of 5"
_READER_AID = re.compile(r"^(listen to this (article|story)|(estimated )?read(ing)? time\b.*|lesezeit\b.*|"
                         r"temps de lecture\b.*|tiempo de lectura\b.*|tempo de leitura\b.*|tempo di lettura\b.*|"
                         r"\d+\s*(min|mins|minutes?|minuten)\.? (read|lesezeit|de lecture|de lectura|de leitura)|"
                         r"scroll to continue( with content)?|(the )?(story|article) continues (below|after)\b.*|"
                         r"continue reading (below|after)\b.*|weiterlesen nach der (anzeige|werbung)|"
                         r"(der )?artikel (wird )?(geht )?(nach|unter) der (anzeige|werbung) (weiter|fortgesetzt)|"
                         r"la suite (après|sous) (cette )?(la )?publicité|"
                         r"(image|photo|picture|bild|foto|slide) \d+ (of|von|de|di|/) \d+)\s*[:.]?$", re.IGNORECASE)
# The story's tags in a line: "Tags: bridge, council", "Schlagwörter: …", "Từ khóa: …"
_TAGS_LINE = re.compile(r"^(tags?|schlagw(ö|o)rte?r?|stichw(ö|o)rte?r?|etiquetas|mots-clés|từ khóa|tag liên quan)\s*:"
                        r"[^.!?]*$", re.IGNORECASE)
# The publisher's rights line: "© 2024 The Courier. All rights reserved."
_RIGHTS_ENDINGS = ("all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
                   "todos los derechos reservados", "todos os direitos reservados", "tutti i diritti riservati")
# A server's error message printed into the page ("Warning: Undefined variable $title in /var/www/index.php on
# line 12")
_SERVER_ERROR = re.compile(r"^(warning|notice|deprecated|strict standards|(catchable )?fatal error|parse error)\s*:"
                           r".*\bon line \d+\b", re.IGNORECASE)
# What a page says to a reader whose browser runs no script: "This slideshow requires JavaScript."
_SCRIPT_NOTICE = re.compile(r"^[^.!?]{0,60}\b(?:requires?|enable|activate)\s+(?:your\s+)?javascript"
                            r"(?:\s+(?:to|in|for)\b.*)?[.!]?$|"
                            r"^javascript\s+(?:is|ist|muss)\s+(?:required|disabled|deaktiviert|aktiviert)\b",
                            re.IGNORECASE)
# An invitation to follow the publisher elsewhere: "Follow The Times Opinion section on Facebook, Twitter and
# Instagram", "Folgen Sie uns auf Instagram"
_PLATFORMS = r"(?:facebook|twitter|instagram|linkedin|tiktok|youtube|telegram|whatsapp|threads|bluesky)"
_FOLLOW_LINE = re.compile(r"^(?:follow|folgen sie|folge uns|suivez|síguenos|siga|seguici|segui|join|únete|unete|"
                          r"tritt|rejoignez|abonniere|abonnieren sie|subscribe|suscríbete|inscreva-se)\b"
                          r"[^.!?]{0,120}?\b" + _PLATFORMS + r"\b", re.IGNORECASE)
# The publisher's own channel on a messenger or video platform, offered in the text: "Únete a nuestro canal de
# WhatsApp", "Check out our YouTube channel!" (a minister's channel, reported on, is no offer)
_CHANNEL = r"(?:canal|kanal|channel|chaîne)"
_CHANNEL_LINE = re.compile(r"\b(?:our|nuestro|unser|unseren|unserem|notre|nosso|nostro)\b[^.!?]{0,30}?\b(?:"
                           + _CHANNEL + r"\b[^.!?]{0,40}?\b" + _PLATFORMS + "|" + _PLATFORMS + r"[- ]" + _CHANNEL
                           + r")\b", re.IGNORECASE)
MAX_CHANNEL_LINE_CHARS = 160  # a longer line that names a channel or an app somewhere in it is a paragraph
MAX_FOLLOW_LINE_CHARS = 300  # a line opening with the invitation may go on with a phone number and addresses
# An invitation to install the publisher's app: "For the latest stories download our apps for iOS and
# Android", "Laden Sie unsere App im App Store"
_APP_LINE = re.compile(r"\b(?:download|get|install|laden sie|lade|hol dir|descarga|descargue|baixe|scarica|"
                       r"téléchargez)\b[^.!?]{0,120}?\bapps?\b[^.!?]{0,60}?\b(?:ios|android|iphone|app store|"
                       r"google play|play store)\b", re.IGNORECASE)
# The publisher's newsletter offered in the text: "Get daily news delivered to your inbox", "Zum Newsletter
# anmelden", "Lass dir die besten Storys in deinen Posteingang liefern": the newsletter, and the offer
_NEWSLETTER = re.compile(r"newsletter|delivered (straight |directly )?to your inbox|in deinen posteingang",
                         re.IGNORECASE)  # an inbox alone is what stories about e-mail speak of
_OFFER = re.compile(r"\b(sign(ing)? up|subscribe|abonn|anmeld|melde|register|inscri|suscr|assin|iscriv|receive|get|"
                    r"erhalten|delivered|liefern|informiert sie|verpass|never miss)", re.IGNORECASE)
_NEWSLETTER_WORDS = ("newsletter", "inbox", "posteingang")  # a line without any is asked no pattern
MAX_NOTICE_LINE_CHARS = 300
# A paywall's notice where the text stops: "To view the full story, please subscribe", "Already a subscriber?",
# "Sie möchten gerne weiterlesen?", "Réservé aux abonnés", "Hazte miembro" (a story about subscriptions offers
# nothing: "you can sign up for a free trial" stays)
_PAYWALL = re.compile(r"\bto (view|read|continue reading|access) (the|this) (full )?(story|article)\b|"
                      r"\bsubscribe (now )?to (read|continue|keep reading|view|access|unlock)\b|"
                      r"\balready a (subscriber|member)\b|\bthis (story|article|content) is (only )?(available|"
                      r"reserved|exclusive) (to|for) (subscribers|members)\b|\bsie möchten (gerne )?weiterlesen\b|"
                      r"\b(artikel|beitrag|inhalt) (ist )?(nur |exklusiv )?für (abonnenten|abonnentinnen|"
                      r"abonnent:innen)\b|\bsie sind bereits abonnent|\bréservée? aux abonnés\b|\bdéjà abonné|"
                      r"\b(exclusivo|solo) para (suscriptores|socios|miembros|assinantes)\b|\bya eres (suscriptor|"
                      r"socio|miembro)\b|\bhazte (miembro|socio|suscriptor)\b|\bjá é assinante\b|"
                      r"\briservato agli abbonati\b|\bsei già abbonato\b", re.IGNORECASE)
_PAYWALL_WORDS = ("subscri", "member", "abonn", "weiterlesen", "suscri", "socio", "miembro", "assinante")
# A CMS's shortcode left unrendered, however long: "[button link=…] Send us your review[/button]"
_SHORTCODE = re.compile(r"^\[(\w+)\b[^\]]*\].*\[/\1\]$")
_DIGIT = re.compile(r"\d")
_NOT_LETTER = re.compile(r"[\d\W]")
MAX_LABEL_LINE_CHARS = 80  # a longer line is a sentence, whatever word it opens with
MAX_DATE_LINE_CHARS = 60
MAX_DATE_LINE_LETTERS = 25  # letters besides the date's own (weekday, month, "Published")
# A metadata row: parts set apart by a bar or a dot, one of them a date ("Ann Lee, city desk | May 3, 2021 | 5 min
# read", "Report of 4 June 2020 | PDF | 1 MB"), longer than a date line; sentences do not join their parts by " | "
_ROW_SEPARATOR = re.compile(r"\s[|·•]\s")
MAX_METADATA_ROW_CHARS = 100
MAX_CAPTION_LINE_CHARS = 500  # a caption left with its credit after a bar is no longer than a caption


# every label above in one pattern: one match per line instead of a dozen
_LABEL_LINE = re.compile("|".join(f"(?:{label.pattern})" for label in (
    _NOISE_LINE, _COUNTER_LINE, _COMMENT_COUNT, _AD_LABEL, _POINTER_LABEL, _SCRIPT_NOTICE, _SIGN_IN_NOTICE,
    _FEEDBACK_PROMPT, _COMMENT_PROMPT, _CONTENTS_LABEL, _READER_AID, _TAGS_LINE)), re.IGNORECASE)


def is_reader_aid(text: str) -> bool:
    """What a page says about reading it ("5 min read", "Lesezeit: 3 Min."): a byline's part, or a line of its
    own."""
    return bool(_READER_AID.match(text))


def is_noise_line(text: str) -> bool:
    """Interface words ("Chia sẻ", "Print"), a hit or comment counter, an ad slot's or a pointer's label, a notice
    for browsers without script or for readers not signed in, a feedback prompt, a credit left without its picture
    or a caption with its credit, an unrendered shortcode, a server's error message, an invitation to follow the
    publisher or to its newsletter, the comment box's invitation, a paywall's notice, a table of contents' label,
    a line that is only a date (the byline's, read before the body) or a metadata row."""
    if len(text) <= MAX_LABEL_LINE_CHARS and (_LABEL_LINE.match(text) or is_credit_line(text)
                                              or text.lower().rstrip(". ").endswith(_RIGHTS_ENDINGS)):
        return True
    if _credited_caption(text):
        return True
    lowered = text.lower()
    if _SHORTCODE.match(text) or _SERVER_ERROR.match(text) \
            or len(text) <= MAX_FOLLOW_LINE_CHARS and _FOLLOW_LINE.match(text) \
            or len(text) <= MAX_CHANNEL_LINE_CHARS and _offers_app_or_channel(lowered) \
            or _offers_newsletter(lowered) or _paywall_notice(lowered):
        return True
    return _metadata_row_or_date(text)


_CHANNEL_WORDS = ("canal", "kanal", "channel", "chaîne")


def _offers_app_or_channel(lowered: str) -> bool:
    """The app and channel patterns search the whole line: asked only of lines that hold their key words."""
    return "app" in lowered and _APP_LINE.search(lowered) is not None or \
        any(word in lowered for word in _CHANNEL_WORDS) and _CHANNEL_LINE.search(lowered) is not None


def _offers_newsletter(lowered: str) -> bool:
    """A short line naming the newsletter and offering it: a story's sentence about a newsletter offers nothing.
    The patterns are asked only of lines holding their key words."""
    return len(lowered) <= MAX_NOTICE_LINE_CHARS and any(word in lowered for word in _NEWSLETTER_WORDS) \
        and _NEWSLETTER.search(lowered) is not None and _OFFER.search(lowered) is not None


def _paywall_notice(lowered: str) -> bool:
    """The paywall's pattern is asked only of short lines holding one of its words."""
    return len(lowered) <= MAX_NOTICE_LINE_CHARS and any(word in lowered for word in _PAYWALL_WORDS) \
        and _PAYWALL.search(lowered) is not None


def _metadata_row_or_date(text: str) -> bool:
    """A row of parts set apart by bars or dots with a date or an interface label among them, or a line that is
    only a date; the date is parsed once for both."""
    row = len(text) <= MAX_METADATA_ROW_CHARS and _ROW_SEPARATOR.search(text) is not None
    if not row and len(text) > MAX_DATE_LINE_CHARS:
        return False
    dated = _DIGIT.search(text) is not None and parse_date(text) is not None  # every date has a digit
    if row and (dated or _row_of_labels(text)):
        return True
    return dated and _date_alone(text)


def is_date_line(text: str) -> bool:
    """A line that is only a date ("April 3, 2019", "Published 12.05.2021 10:15"): a byline's, or a post's stamp."""
    return _DIGIT.search(text) is not None and _date_alone(text) and parse_date(text) is not None


def _date_alone(text: str) -> bool:
    """Short, with few letters besides a date's: a weekday, a month, "Published"."""
    return len(text) <= MAX_DATE_LINE_CHARS and len(_NOT_LETTER.sub("", text)) <= MAX_DATE_LINE_LETTERS


def _credited_caption(text: str) -> bool:
    """A picture's caption left in the text with its credit after a bar ("The harbour at dawn. | © Ann Lee"):
    the picture's, not the article's words."""
    caption, bar, credit = text.rpartition(" | ")
    return bool(bar and caption) and len(text) <= MAX_CAPTION_LINE_CHARS and credit.lstrip().startswith("©") \
        and is_credit_line(credit)


MAX_ROW_PART_WORDS = 4


def _row_of_labels(text: str) -> bool:
    """A row of short parts set apart by bars or dots, one of them an interface label ("Comments closed |
    Trackback | Print")."""
    parts = [part.strip() for part in _ROW_SEPARATOR.split(text) if part.strip()]
    return len(parts) > 1 and all(len(part.split()) <= MAX_ROW_PART_WORDS for part in parts) \
        and any(is_noise_line(part) for part in parts)
