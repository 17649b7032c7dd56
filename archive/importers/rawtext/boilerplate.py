"""Lines that are page furniture, not story: menus, sharing and comment prompts, newsletter and donation boxes,
related-article lists, series navigation, copyright and contact lines, author and outlet blurbs.

Three kinds:
- `is_boilerplate(line)`: furniture wherever it stands (a menu, "Share this:", "Comments (41)", a copyright
  line, a cookie notice, a counter, a hashtag line …);
- `ends_story(line)`: a marker after which nothing is story (a comment section's heading, "###", "(END)",
  an "About <organisation>" box, a copyright line, a media contact);
- `is_closing(line)`: prose that closes an article without being story (an author's or outlet's blurb,
  "X contributed to this report", "The views expressed …"): boilerplate once the story has ended.
"""

import re
from functools import lru_cache

from archive.importers.rawtext.gates import is_account_gate
from archive.importers.rawtext.info_strips import is_info_strip
from archive.importers.rawtext.lines import BULLET, SENTENCE_END, is_title_case
from archive.importers.rawtext.names import NAME
from archive.importers.rawtext.posts import is_engagement_counts, is_post_counter

# What a contributor under the story did, to the line's end: "… contributed to this report.", "… contributed
# reporting to this story.", "… contributed reporting from Seoul." (where from, a place's name, and nothing after).
CONTRIBUTED = (
    r"contributed (?:(?:additional )?reporting )?(?:to this (?:report|story|article)|(?<=reporting )from "
    r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})\.?"
)

_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|final|last|next|previous)"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_PLATFORMS = (
    r"(?:twitter|x|facebook|instagram|telegram|youtube|linkedin|threads|bluesky|mastodon|kakaotalk|flickr|tiktok|"
    r"substack|patreon|weibo|line|whatsapp|email|e-mail|rss)"
)
# Words that make up site menus, sharing bars and account links, and a page's controls (a cookie banner's "OK", an
# accordion's "Expand all"); a line made only of them is a menu.
_UI_WORDS = set(
    """home about archive archives contact contacts news sport sports weather video videos opinion business world
    search menu live traffic watch podcasts podcast privacy terms careers blog help status subscribe login log in
    sign up register share print email e-mail tweet facebook twitter x linkedin whatsapp telegram reddit copy link
    follow listen save reply report like more next previous back top sections latest politics economy society
    culture life science tech technology travel photos gallery multimedia advertise newsletter newsletters donate
    accept reject settings cookie cookies policy faq rss app apps edition english korean japanese chinese español
    write open en ko ja zh of and the our us me my to all in on support gift font download pdf view browser
    article your this team publications reports data manage preferences consent options
    file edit insert format tools extensions window ok dismiss expand collapse""".split()
)
# A line more than this share of whose words are menu words, with no sentence in it, is a menu or a share bar
# ("News Opinion Business Asia World Life Podcasts", "View this email in your browser").
MENU_WORD_SHARE = 0.5
# A menu copied one item a line: this many short lines in a row, this many of them made of menu words.
MIN_MENU_RUN = 5
MIN_MENU_WORDS_IN_RUN = 2
# The labels an ad slot leaves in a copied story.
_AD_LABEL = (
    r"(?:advertisement|advertising|ad|sponsored|scroll to continue(?: reading)?|continue reading below|"
    r"(?:article|story) continues below(?: (?:this )?(?:ad|advertisement))?|report this ad|ad feedback|remove ads?)"
)
# An ad slot's label standing alone: a print page's advertisement is the block it heads.
AD_LABEL = re.compile(rf"^{_AD_LABEL}$", re.I)
_ZONES = r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|[ECMP][SD]?T|KST|JST|HKT|SGT|IST|AE[SD]T)"
# The line closing a story or a press release: "###", "-30-", "(END)", "ENDS", "-ENDS-", "- END -".
END_MARKER = re.compile(r"^[-–—\s]*(?:###|-30-|\(?ends?\)?)[-–—\s]*$", re.I)
# A video player's time code: "0:00 / 2:31".
TIME_CODE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?$")
# The label over an embedded video: "Watch: <the video's title>", "VIDEO | …".
_PLAYER_LABEL = re.compile(r"^(?:watch|video|watch video|play video|play)\s*[:|–—-]\s*\S", re.I)
# The links a page sets by a picture ("Purchase Licensing Rights, opens new tab", "Enlarge this image") and its
# viewer's controls ("hide caption", "toggle caption"): glued to a caption's end they are cut from it; on a line of
# their own, under the caption, they are the page's furniture.
PICTURE_LINK = (
    r"(?:purchase licensing rights|buy (?:this )?(?:photo|print|image)|enlarge(?: this)? (?:image|photo)|"
    r"view (?:full ?screen|gallery)|opens? (?:in )?(?:a )?new (?:tab|window)|"
    r"(?:hide|show|toggle|expand|collapse|close) (?:the )?(?:caption|image|photo))"
)
PICTURE_LINKS = re.compile(rf"^{PICTURE_LINK}(?:\s*,?\s*{PICTURE_LINK})*\.?$", re.I)

_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^read (?:this |the )?(?:article |story |it )?in (?:korean|english|chinese|japanese)\.?$",
        # A picture agency's terms of use for its pictures: "Editorial use only. No archiving. No sales to third parties."
        r"^(?:(?:for )?editorial use only|no (?:archiving|archives|sales|resales?|redistribution)(?: to third parties)?"
        r"|mandatory credit)(?:[.;,]\s*(?:(?:for )?editorial use only|no (?:archiving|archives|sales|resales?|"
        r"redistribution)(?: to third parties)?|mandatory credit))*\.?$",
        r"^(?:korean|chinese|japanese|english) (?:version|edition|original)\b.{0,80}$",
        r"^please (?:direct|send|address) (?:any |your )?(?:comments|questions|feedback|tips)\b.*$",
        r"^(?=.{0,300}$).*\b(?:subscribe|sign up|signup|register)\b.*\b(?:newsletter|updates|inbox|briefing|digest|posts|edition)\b.*$",
        r"^(?=.{0,300}$).*\b(?:get|receive)\b.*\b(?:in your inbox|our (?:[\w-]+ ){0,3}newsletters?|updates)\b.*$",
        # The prompt may name the newsletter first: "… from our Morning Ledger newsletter. Subscribe here."
        r"^(?=.{0,300}$).*\bnewsletters?\b.*\b(?:subscribe|sign up|signup)\b.{0,40}$",
        # A box set into the story announces where it ends for screen readers: "skip past newsletter promotion".
        r"^(?:skip past|after|end of) (?:the )?(?:[\w-]+ ){0,2}(?:promotion|advertisement|ad|newsletter|sign-?up|box)$",
        r"^(?:share|share this|share this (?:article|story|post|page)|share on \w+|share via \w+)\b.{0,80}$",
        r"^(?:tweet|email|e-mail|print|save|copy link|facebook|twitter|linkedin|whatsapp|telegram)(?:\s*[|/·•]\s*\w+)*$",
        rf"^(?=.{{0,200}}$)(?:follow|like|find|join|watch|listen to) (?:us|me|\w+(?: \w+)?) on {_PLATFORMS}\b.*$",
        rf"^(?=.{{0,200}}$).*\b(?:on|at) my {_PLATFORMS}\b.*$",
        rf"^(?=.{{0,200}}$).*\bmy (?:{_PLATFORMS}|website|blog|newsletter|book) (?:page|account|channel|feed)\b.*$",
        r"^(?:leave|post|add|write) a (?:comment|reply|response)\b.*$",
        # A report's note on the body that made it, named and placed, and what it covers: "Prepared by the Regional
        # Unit, Khabarovsk. This update covers both banks."
        r"^(?:prepared|compiled|issued) by the (?-i:[A-Z][\w'’&-]*(?: (?:of|for|and|the|on|[A-Z][\w'’&-]*))*)"
        r"(?:, (?-i:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?))?\.(?:\s+[^.]{0,150}\.)?$",
        r"^(?:(?:\d+\s+)?(?:comments?|responses|replies)|\d+\s+response)\s*(?:\(\d+\))?:?$",
        r"^comments are (?:closed|moderated|disabled|open)\b.*$",
        r"^(?:join the|sign in .{0,40} to join the) (?:conversation|discussion|debate)\b.*$",
        r"^discussion about this (?:post|article|story)$",
        r"^your email address will not be published\b.*$",
        r"^(?:click|tap) here\b.{0,200}$",
        # A link or a button, a line that is no sentence ending in its arrow: "Read the full transcript →", "Take
        # action: add your name to our appeal →".
        r"^(?=.{2,150}$)[^.!?]*[^\s.!?]\s*(?:→|⟶|➔|➜|➝|->|»|›)$",
        # Where a broadcaster aired the piece, over its headline or under it: "Heard on Morning Report", "As seen on X".
        r"^(?:as (?:heard|seen|featured) on|(?:heard|aired|broadcast) on)\s+(?-i:[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|"
        r"the|and|on|at|in))*)$",
        r"^(?:advertisement|advertising|sponsored(?: content)?|ad|skip (?:to )?(?:main )?(?:content|navigation))$",
        # A script's or a page's label in square brackets standing alone: "[Pkg]", "[Anchor Lead]", "[Sound bite]".
        r"^\[[a-z][\w&/ .-]{0,24}\]$",
        # A wire's note to editors in brackets, its label in capitals: "(ATTN: ADDS quote in para 4)", "[EDS:
        # updates with minister's comment]". A picture's label ("[PHOTO: …]") marks a caption instead.
        r"^[\[(](?!(?:PHOTO|IMAGE|PICTURE|MAP|CHART|GRAPHIC|VIDEO|CAPTION)S?\b)(?-i:[A-Z]{2,}(?: [A-Z]{2,})?)\s*:\s*"
        r"[^\[\]()]{2,200}(?:\([^()]{0,40}\)[^\[\]()]{0,100})?[\])]$",
        # An ad slot's labels set into the story, one or several on a line: "Advertisement · Scroll to continue".
        rf"^{_AD_LABEL}(?:\s*[·|•:–—-]\s*{_AD_LABEL})*\.?$",
        # Access labels over a story: "For Subscribers", "Member-only story", "Premium".
        r"^(?:for |only for )?(?:subscribers?|members?|premium|paid subscribers?)(?:[- ]only)?(?: (?:story|article|content))?$",
        # An audio or video's chapter list: "(24:05) Hyesan and the trade", "12:30 – Closing remarks".
        r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*[-–—:]?\s+[^.!?]{2,120}$",
        # An audio player's controls: "Play episode", "Download MP3", "1.5x".
        r"^(?:play|pause|download|listen to|listen on|listen now)(?: (?:episode|audio|mp3|this episode|the episode|now))?$",
        r"^(?:download )?(?:mp3|audio file)$|^\d(?:\.\d{1,2})?x$",
        r"^(?:listen|play|watch)(?: to this (?:article|story))?\s*[·|•:–—-]?\s*\d+\s*min(?:ute)?s?$",  # "Listen · 6 min"
        r"^(?:(?:this|the) )?(?:audio|video|media)(?: \w+)? (?:is|are) not supported\b.*$|^your browser does not support\b.*$",
        # A paper's identifiers: "DOI: 10.1234/abc.56", "https://doi.org/10.1234/abc", "ISSN 1234-5678".
        r"^(?:doi\s*:?\s*|https?://(?:dx\.)?doi\.org/)10\.\d{4,9}/\S+$|^e?-?issn\s*:?\s*\d{4}-\d{3}[\dx]$",
        r"^(?:copyright\b|©|ⓒ|\(c\)\s).{0,300}$",
        r"^.{0,300}\b(?:all rights reserved|unauthori[sz]ed reproduction|reproduction without permission)\b.{0,200}$",
        r"^.{0,100}(?:©|ⓒ).{0,100}(?:무단|금지|reserved).{0,100}$",
        rf"^(?:this is )?(?:part {_NUMBER}|the {_NUMBER} part)\s+(?:of|in)\s+(?:a |the |our )?(?:{_NUMBER}[- ]part )?(?:series|{_NUMBER})\b.{{0,200}}$",
        r"^(?:read|see|continue to|go to|on to|next|previous|up next)\s*:?\s*(?:part|the (?:first|second|third|previous|next|last|final) (?:part|installment))\b.{0,200}$",
        r"^(?:next|previous)\s*:.{0,150}$",
        # A series' teaser for its next part, named by when it runs: "Tomorrow: The bridge that waits."
        rf"^(?:tomorrow|next (?:week|time|issue|month)|coming (?:up|next|tomorrow|(?:on )?{_WEEKDAY}))\s*:"
        r"\s*[^.!?]{3,100}[.!?]?$",
        r"^this (?:article|story|report|piece) is (?:part|the \w+ (?:part|installment|article)) (?:of|in) .{0,120}series\b.*$",
        # "This is the third part of our series on the Amur's ports.": the series may be named by its subject.
        r"^this is the (?:final|last|first|\w+) (?:part|installment|instalment) of .{0,80}series\b[^.]{0,80}\.?$",
        # A prompt for tips, asked or not: "Have a tip? …", "Tips? Contact our desk …".
        r"^(?:(?:have|got) (?:a |any )?(?:news )?tips?\b|(?:news )?tips?\?).{0,200}$",
        # A question to the reader asking for tips or claims to check, then where to send them: "Is there a claim you
        # would like us to check? Get in touch."
        r"^(?=.{0,250}$).*\b(?:you(?:'|’)?d|you would|you want)\b.{0,60}\?\s*(?:get in touch|contact us|let us know|tell us|"
        r"write to us|email us|send it to us)\b.*$",
        # A pointer to other coverage by link: "We have previously debunked other claims about X here and here."
        r"^(?=.{0,250}$).*\b(?:previously|earlier|already|also)\b.{0,40}\b(?:debunked|fact-?checked|reported|covered|written|"
        r"wrote|examined|verified|explained|investigated)\b.*\bhere(?:,? and here)*\.$",
        # The comment section's and the follow feature's prompts: "Welcome to X's comment community. …", "Authors and
        # topics you follow will be added to your personal news feed."
        r"^(?=.{0,300}$)(?:welcome to|this is) .{0,80}\b(?:comment(?:s|ing)?|discussion|reader) (?:community|section|forum)\b.*$",
        r"^(?=.{0,200}$).*\byou follow\b.*\b(?:feed|following|alerts?|notifications?)\b.*$",
        r"^follow (?:related |this |these )?(?:authors?|topics?|authors? and topics?)$",
        # A pointer to the whole document elsewhere: "Read the full report. The annexes are in the PDF."
        r"^(?=.{0,250}$)(?:read|download|view|get) (?:the|our) (?:full|complete|whole) (?:report|study|paper|document|"
        r"briefing|analysis|text|transcript|interview)\b.*$",
        # A prompt to the reader: a short question, then what to do ("Enjoyed this thread? Follow @x for more.", "Got a
        # story? Email us", "Liked this issue? Forward it to a friend."), whatever the question asks.
        # A verb that is a noun too ("Share prices may tell.") asks with its object: "Share it", "Call us".
        r"^(?=.{0,200}$)[A-Z][^.!?\"“]{2,50}\?\s+(?:please\s+)?(?:follow|subscribe|sign up|join|e-?mail|tell|let us|send|"
        r"donate|click|tap|write to|forward|download|visit|whatsapp|(?:share|call|message|contact|support)\s+"
        r"(?:it|this|us|our|the|them|with|your|a)\b)\b.*$",
        # A prompt to report mistakes: "Spotted an error? Tell us.", and the note on updates before it.
        r"^.{0,200}\b(?:spotted|spot|found|notice|noticed|see) (?:an?|any) (?:error|mistake|typo|inaccuracy)\?.{0,100}$",
        r"^(?=.{0,300}$).*\b(?:comments|questions|tips|contact|reach|write to|email|e-mail)\b.*[\w.+-]+@[\w-]+\.[\w.-]+.*$",
        r"^[\w.+-]+@[\w-]+\.[\w.-]+(?:\s*[|/]\s*.{0,60})?$",
        r"^.*\bworks with a network of sources\b.*$",
        r"^.*\bidentities (?:remain|are kept|will remain) (?:anonymous|confidential)\b.*$",
        r"^.*\bcan be found on our faq page\b.*$",
        r"^the views (?:expressed|in this)\b.{0,300}$",
        # The same disclaimer worded with opinions: "Opinions expressed are the author's own."
        r"^(?:the )?opinions expressed\b.{0,300}$",
        # A disclaimer on what the page's content is for: "X forecasts are for guidance only. Always follow …", "This
        # material is provided for information purposes only."
        r"^(?=.{0,300}$).*\b(?:is|are) (?:provided |intended )?(?:solely )?for (?:general )?(?:guidance|information(?:al)?|"
        r"reference|educational) (?:purposes )?only\b.*$",
        # A note that the text was first published elsewhere: "Republished with permission from X.", "This article is
        # republished from X under a Creative Commons license.", "Originally published in Russian by X."
        r"^(?:this (?:article|story|piece) (?:is|was) )?(?:republished|reprinted|reproduced|cross-?posted) (?:with permission )?"
        r"(?:from|by|with)\b.{0,200}$",
        r"^(?:this (?:article|story|piece) was )?originally (?:published|appeared|posted)\b.{0,200}$",
        # "This essay first ran in the Amur Ledger on 2 May 2025 and is reprinted with permission.": any kind of piece.
        r"^this (?:article|story|piece|column|essay|commentary|op-ed|report|review|feature) (?:was |has )?(?:first|originally) "
        r"(?:appeared|appearing|ran|run|published|posted)\b.{0,200}$",
        # A prompt to follow the outlet on a messaging or video channel: "Join our Telegram channel for updates."
        r"^(?:join|follow|subscribe to) (?:us on |our )(?:[\w-]+ ){0,2}(?:channel|group|account|page)\b.{0,120}$",
        r"^about the (?:author|authors|writer|photographer)s?\b.{0,300}$",
        # A data story's note on its figures: "About the data: …", "Methodology: …", "How we did this: …".
        r"^(?:about|notes? on|a note on) (?:this|the|our|these) (?:data|figures|numbers|analysis|charts?|graphics?|survey|"
        r"poll|methodology)\s*[:—–-]\s*.{3,400}$",
        # The label may say it is a note: "Methodology note: …", "Methods notes: …".
        r"^(?:methodology|methods?|how we did (?:this|it)|how we (?:counted|measured|calculated)(?: this)?)"
        r"(?: notes?)?\s*:\s*.{3,400}$",
        # A site's note on how it writes dates or times: "Note: dates on this site are written day first.", "All times
        # on this page are local."
        r"^(?:please )?note\s*[:—–-]\s*(?:all )?(?:dates|times|dates and times) (?:on|in|are|given|shown)\b.{0,150}$",
        r"^(?:all )?(?:dates|times|dates and times) (?:on|in) this (?:site|website|page|blog|newsletter)\b.{0,150}$",
        END_MARKER.pattern,
        r"^\*\*\*$",
        r"^this (?:article|story) (?:was|has been) (?:originally |first )?(?:published|written|translated)\b.{0,200}$",
        r"^this (?:article|story) appears in\b.{0,200}$",
        # Where the text was printed: "Appeared in the Feb. 15, 2025, print edition as '…'", "A version of this article
        # appears in print on …", "This story appeared in the print edition of X on May 2, 2025.".
        r"^(?:(?:a version of )?this (?:article|story|essay|column|piece|report) )?(?:appeared|appears|ran) in (?:the )?"
        r".{0,40}\bprint\b.{0,200}$",
        # A prompt to get the outlet's app, named or not: "Download the Harbour 9 News app for alerts."
        r"^(?:download|get) (?:our|the) (?:app|(?:[\w'’&.-]+ ){1,4}app|full report|report|pdf)\b.*$",
        r"^listen to (?:this|the) (?:article|story)\b.*$",
        r"^\d+\s+min(?:ute)?s?\s+read$",
        # "Reading time: 9 minutes", "Estimated reading time: 5 min", "Listening time · 12 mins": a counter, never a caption.
        r"^(?:estimated\s+)?(?:reading|read|listening|listen)\s+time\s*[:·|-]?\s*(?:about\s+|approx\.?\s+)?\d+\s*min(?:ute)?s?\.?$",
        r"^(?:updated |published |posted )?\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?) ago$",
        r"^(?:updated |published |posted )?\d{1,3}\s?(?:h|hr|m|min|d|w)(?: ago)?$",  # a relative time: "6h", "20m ago"
        TIME_CODE.pattern,
        # A video player's labels and its clip's length and credit: "Play video", "Now playing", "02:31",
        # "Video by X" (the clip's, not the article's).
        r"^(?:watch|watch now|watch video|watch live|play|play video|replay|now playing|up next|pause|mute|unmute|"
        r"full ?screen|closed captions|subtitles|skip ad|live now)$",
        r"^(?:duration\s*:?\s*)?\d{1,2}:\d{2}(?::\d{2})?$",
        r"^(?:up next|next video|now playing|watch next)\s*[:|–—-]\s*.{3,200}$",
        r"^(?:video|clip|footage)\s*(?::|by\b)\s*.{2,60}$",
        r"^(?:(?:item|image|photo|picture|slide)\s+)?\d+\s*(?:/|of)\s*\d+$",  # a gallery's "3 / 12", "Item 1 of 2"
        r"^(?=.{0,200}$).*\b(?:subscribe|sign in|log in|register)\b.*\b(?:to (?:continue|keep) reading|to read (?:more|the full)|"
        r"for (?:full|unlimited) access)\b.*$",
        r"^this (?:article|story|content) is (?:for|available to|only for) (?:subscribers|members)\b.*$",
        # Where the piece appeared in print: "This review appears in the Spring issue of X", "A version of this
        # article appeared in print on May 3, 2025, Section A, Page 6".
        r"^(?=.{0,300}$)(?:this|a version of this|an earlier version of this|parts of this) (?:article|story|review|essay|"
        r"piece|interview|column|report)\b.{0,40}\b(?:appears?|appeared|was (?:first )?published|ran|runs)\b.{0,60}"
        r"\b(?:print|issue|edition|magazine|page)\b.*$",
        # An editor's note in a draft, in double brackets: "[[JW: check this figure]]", "{{TK: quote}}".
        r"^(?:\[\[|\{\{|<<)[^\[\]{}<>]{1,600}(?:\]\]|\}\}|>>)$",
        # A metered paywall's box in the story: the count of free reads used up, and the offer.
        r"^(?=.{0,200}$).*\b(?:reached|used(?: up)?|read) (?:your|all (?:of )?your) (?:limit|quota|\d+|allowance)\b"
        r".{0,60}\b(?:free|complimentary|gift)?\s*(?:articles?|stories|reads|pieces)\b.*$",
        r"^(?=.{0,200}$)(?:get|enjoy|unlock|start|try)\b.{0,20}\b(?:unlimited|full|digital|premium) access\b.*$",
        # Its buttons and its note to readers who pay: "Subscribe now", "Already a subscriber? Sign in".
        r"^(?:subscribe|sign up|sign in|log ?in|register|join)(?: now| today| here)?[.!]?$",
        r"^already (?:a |an )?(?:subscriber|member|registered|have an account)\b.{0,40}$",
        r"^(?:views|hits|reads|read count|조회수?)\s*:?\s*[\d,.]+$",
        r"^(?:related|read more|read also|also read|see also|more on this|recommended|further reading|keep reading)\s*:\s*.{3,200}$",
        r"^(?:tags|keywords|topics|categories|filed under|related tags)\s*:.{0,300}$",
        r"^(?:#[\w-]+\s*){1,}(?:#[\w\s-]+)*$",
        # A counter: "12", "4.2k likes", "1 842 views" (a space as the thousands separator too).
        r"^\d[\d,.]*(?: \d{3})*\s*(?:k|m)?(?:\s+(?:likes?|comments?|followers?|shares?|views?|responses?|claps?|reads?))?$",
        r"^[^\w]{1,3}\s*(?:paid|free|premium|members? only)?$",
        r"^(?:like|loading|like loading)\s*(?:this)?\s*(?:\.\.\.|…|:)?\s*(?:like\s+loading\.\.\.)?$",
        r"^.{1,60}\((?:\d+|\d+ (?:photos?|images?|videos?|comments?|pictures?))\)$",
        r"^(?:reuse this content|purchase licensing rights|our standards\b.*|print this page|font size\b.*|text size\b.*)$",
        r"^(?:support (?:our|independent) \w+|your (?:gift|donation|support) helps\b.*|donate(?: now)?|make a donation)\.?$",
        r"^.{0,60}\bdonate now\.?$",
        # "Thanks for reading The X! Subscribe …", "Thanks for reading. Share this post": a promo; "Thanks for reading,
        # and see you in April." in the writer's own words after a comma signs the story off and is part of it.
        r"^thanks for reading(?:\s*$|\s*[!.]|\s+(?-i:[A-Z\d])|\s+(?:this|our|my)\b|,\s*(?:please\s+)?(?:share|subscribe|"
        r"support|sign up|forward|like)\b).{0,200}$",
        # A prompt to pay for the journalism, wherever it stands: "… is funded by readers like you. Donate today.",
        # "Our journalism is free to read. If you value it, please consider a contribution".
        r"^(?=.{0,400}$).*\b(?:(?:funded|supported|made possible) by (?:readers|listeners|viewers|members|people) like you|"
        r"(?:is|are|remains?) free to read|please consider (?:a |making a )?(?:donation|contribution|supporting)|"
        r"(?:donate|give|subscribe) today|support (?:independent|our) journalism)\b.*$",
        # A note that the story goes on past a box set into it, and a sign-up box's small print.
        # A portal's label between two paragraphs needs no place: "Story continues", "Article continued".
        r"^(?:the )?(?:story|article|text|report) continue[sd](?: below| after (?:the )?(?:ad(?:vertisement)?|this))?\.?$",
        r"^by (?:signing up|subscribing|clicking|registering|submitting)\b.{0,200}\b(?:terms|privacy)\b.*$",
        r"^(?:privacy (?:notice|policy|statement)|data protection)\s*:.{0,300}$",
        # A newsletter's prompts and labels: "Enjoyed this issue? Forward it to a friend.", "Sponsored: …".
        r"^(?:enjoyed|liked|enjoying) this (?:issue|newsletter|edition|email|post|briefing|digest)\b.{0,200}$",
        # A prompt to share or discuss the page: "Did you enjoy this article? Share it with a friend.", "What do you
        # think? Leave a comment below.", "Let us know in the comments."
        r"^(?:did you )?(?:enjoy|like)(?:d)? (?:this|the|our) (?:article|story|piece|report|read|post)\?.{0,200}$",
        r"^(?:what do you think\?\s*)?(?:leave|post|add|share|drop) (?:a|your) (?:comments?|thoughts)\b.{0,120}$",
        r"^(?:what do you think\?\s*)?let us know (?:what you think )?(?:in|below|in the) ?(?:the )?comments?\b.{0,120}$",
        # A prompt to rate the page, with its buttons: "Was this helpful? Yes · No", "Did you find this article useful?"
        r"^(?:was|is|did you find) (?:this|the) (?:article|story|page|explainer|guide|answer|post|piece)?\s*(?:helpful|useful|"
        r"informative)\?(?:\s*(?:yes|no|👍|👎)\s*[·|/•]?){0,2}$",
        r"^(?:sponsored|partner content|paid post|presented by)\s*[:—–-]\s*.{2,200}$",
        r"^you(?:'|’)re receiving this\b.{0,200}$",
        # A market-data disclaimer: "All quotes delayed a minimum of 15 minutes."
        r"^(?:all )?(?:quotes|market data|prices) (?:are )?delayed\b.{0,120}$",
        r"^(?:prints?|licensing|reprints?) (?:available|information)\b.{0,100}$",
        r"^.{0,200}\bsubscribe to the (?:print|digital) edition\b.*$",
        r"^(?:for immediate release|press release|media (?:contact|enquiries|inquiries)|press contact)\s*:?$",
        r"^[\w .,'-]{2,60},\s*(?:communications|press|media) (?:officer|manager|director|contact)$",
        # How to cite the page, whatever it calls itself: "Cite this analysis: …", "Cite as: …", "How to cite this
        # brief: …".
        r"^(?:suggested citation|cite (?:this(?: [\w-]+){0,2}|as)|how to cite(?: this(?: [\w-]+){0,2})?)\s*:.*$",
        r"^(?:more from|recommended from|written by)\b.{0,60}$",
        r"^.*\b(?:cookies?)\b.*\b(?:use|accept|consent|continu\w+|agree|privacy)\b.*$",
        # The notice may name the site first: "This site uses cookies to measure readership. OK Settings".
        r"^(?=.{0,300}$)(?:this|our) (?:site|website|page|app|service) (?:uses|sets|stores) cookies\b.*$",
        r"^.{0,80}\bpowered by (?:wordpress|ghost|substack|medium)\b.*$",
        # A live blog's entry times standing alone: "14.20 BST", "Updated at 16.45 BST", "9:05am".
        rf"^(?:(?:updated|posted|first posted)\s+(?:at\s+)?)?\d{{1,2}}[.:]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*{_ZONES}?$",
        # A live blog's promise to keep posting: "We'll be bringing you updates through the day."
        r"^we(?:'|’| wi)ll (?:be )?(?:continue to )?(?:bring(?:ing)?|keep(?:ing)?|provid(?:e|ing)|post(?:ing)?|shar(?:e|ing)) (?:you )?"
        r"(?:[\w-]+ ){0,3}(?:updates?|posted|coverage|developments)\b.{0,120}$",
        # Notes on the text itself, not story: an editor's note, a transcript's or summary's preface, an
        # interview's editing notice, a podcast's outro.
        r"^editor(?:'|’)?s(?:'|’)? note\s*[:.—–-].*$",
        # A correction or clarification notice, at the top or the bottom of a story.
        r"^(?:correction|clarification)s?(?:,?\s+[^:.]{3,30})?\s*[:.—–-]\s*.{0,600}$",  # "Correction, March 14, 2024: …"
        r"^(?:an|the) (?:earlier|previous|original) version of this (?:story|article|report|post)\b.{0,600}$",
        # A note that the text was changed after it ran: "This story was amended on 3 May 2025 to correct a date."
        # A label may stand before it: "Developing story — this article was last updated at 21:40 and will be …".
        r"^(?:[\w' ]{2,30}\s*[—–:-]\s*)?this (?:article|story|report|post|piece|column|feature|page) (?:was|has been) "
        r"(?:last )?(?:amended|updated|corrected|changed|edited) (?:on|at|since|in)\b.{0,400}$",
        # The text's own standing: "This summary is an unofficial account …", "This record is an abridged version …".
        r"^this (?:summary|transcript|record|account|report|translation|version) is (?:an? )?(?:[\w-]+ )?(?:unofficial|"
        r"informal|abridged|partial|provisional|edited|condensed|machine[- ]translated)\b.{0,400}$",
        # Who paid for the page: "This content was paid for by X and produced by Y …", "This feature is sponsored by X".
        r"^this (?:content|article|story|page|piece|feature|series|report|post) (?:was|is|has been) (?:paid for|sponsored|"
        r"funded|commissioned|underwritten) by\b.{0,400}$",
        # An editing notice on its parts: "Questions are edited for length and clarity. Names have been changed …".
        r"^(?:(?:this|the|all|some) )?(?:[\w-]+ ){0,2}(?:is|are|was|were|has been|have been) (?:lightly )?(?:edited|"
        r"condensed)(?: and (?:edited|condensed))? for (?:length|clarity|brevity|space)\b.{0,300}$",
        r"^this (?:is|was) (?:a|an) (?:[\w-]+ ){0,2}(?:summary|transcript|digest|recap|round-?up|excerpt) of what was said\b.*$",
        r"^(?:this|the) transcript (?:was|has been|is|may have been) (?:[\w]+[ -]){0,2}(?:generated|produced|created|transcribed)\b.*$",
        # "This interview has been translated from Korean and edited for length. X is a pseudonym …": with what it says
        # of the names.
        r"^(?:this|the) (?:interview|conversation|transcript|q&a|discussion) (?:has been|was|is) (?:lightly )?"
        r"(?:(?:translated|transcribed)(?: from [A-Z]\w+)?(?:,| and|, and) )?(?:edited|condensed)\b.{0,200}$",
        r"^.{0,300}\bif you (?:enjoyed|liked|like|enjoy) (?:this|the|our|today's|today’s) (?:episode|show|podcast|programme|program)\b.*$",
        # The same prompt naming the show, asking for a rating or a share: "If you enjoy X, please leave us a review."
        r"^(?=.{0,300}$)if you (?:enjoyed|liked|like|enjoy|love|loved) [^,.!?]{2,60}, (?:please )?(?:leave|give|rate|review|"
        r"share|tell|follow|subscribe)\b.*$",
        # A note that the people's names were changed: "Names have been changed to protect …", "As ever, some names and
        # identifying details have been changed."
        r"^(?=.{0,300}$)(?:[\w ]{2,20},\s+)?(?:some |all |the |other )?(?:names?|identities)(?: (?:and|or) (?:some |other )?"
        r"(?:identifying )?(?:details|places|locations))? (?:have|has|had) been (?:changed|withheld|altered)\b.*$",
        # A podcast's prompt to follow the show where listeners find it: "Subscribe to X wherever you get your
        # podcasts".
        r"^(?=.{0,300}$)(?:please )?(?:subscribe to|follow|rate|review|listen to|find)\b.{0,80}\b"
        r"(?:wherever|anywhere) you (?:get|find|listen to|hear) (?:your |our )?podcasts\b.*$",
        r"^.{0,120}\b(?:is|was) (?:produced|made|hosted|presented) by\b.{0,200}\bif you (?:enjoyed|liked|like|enjoy)\b.*$",
    )
]
_RELATED_HEADING = re.compile(
    # "Related" over what it lists, in a few words of its own: "Related fact checks", "Related alerts".
    r"^(?:related(?: (?-i:[a-z][\w'’-]*)){0,3}|read more(?: [\w'’-]+){0,2}|read also|"
    r"also read|see also|more on this(?: story| topic)?|more from [\w .]{2,40}|more [\w'’-]+|recommended(?: for you| articles| stories)?|"
    r"you (?:may|might) also like|most (?:read|viewed|popular|shared)|trending(?: stories| now)?|further reading|"
    r"keep reading|read next|what to read next|explore more(?: on these topics)?|up next|watch more|next video|"
    r"previous (?:parts|installments)|other parts of (?:this|the) series|"
    r"in this series|in this (?:issue|edition|newsletter)|in today(?:'|’)s (?:issue|edition|newsletter)|inside this issue|keywords|latest(?: news| stories)?|top stories|editor'?s picks|popular)\s*:?$",
    re.I,
)
_ENDS_STORY = [
    re.compile(p, re.I)
    for p in (
        END_MARKER.pattern,
        # "Responses" (plural, or with a count) heads comments; "RESPONSE" alone is a report's section.
        r"^(?:(?:\d+\s+)?(?:comments?|responses)|\d+\s+response)\s*(?:\(\d+\))?:?$",
        r"^\d+ (?:thoughts|responses|replies|comments) (?:on|to)\b.*$",
        r"^(?:leave a (?:reply|comment)|discussion about this post|join the (?:conversation|discussion))\b.*$",
        r"^sign in .{0,40}to join the (?:conversation|discussion)\b.*$",
        # A firm's legal form after a comma is its name's ("About X Logistics Co., Ltd.").
        r"^about (?!the (?:author|writer)s?\b)(?:the )?[A-Z0-9][\w'’&.-]*(?: [\w'’&.-]+){0,6}"
        r"(?:,? (?:co|ltd|inc|llc|corp|plc|gmbh|limited)\.?)*:?$",
        # A contact block's heading: "Media contact", "Press enquiries", a report's "Contacts" over its "Role: Name,
        # e-mail" lines.
        r"^(?:(?:media|press) (?:contacts?|enquiries|inquiries)|contacts?)\s*:?$",
        # A report's contact block: "For further information, please contact:".
        r"^(?:for (?:further|more|additional) (?:information|details)|(?:further|more) information)\b[^.]{0,40}:$",
        r"^(?:notes|footnotes|endnotes|references|sources|bibliography|works cited)\s*:?$",
        # The piece's sources listed on one line under it: "Sources: state media, satellite imagery, our reporting."
        r"^sources\s*:\s*[^:]{3,200},[^:]{3,200}$",
        # A paper's back matter after its text: "Disclosure statement", "Acknowledgements", "Declaration of interest".
        r"^(?:disclosure statement|acknowledg(?:e)?ments?|(?:declaration|conflicts?) of interests?|"
        r"data availability(?: statement)?)\s*:?$",
        r"^(?:written by|more from)\s+[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}$",
        r"^(?:copyright\b|©|ⓒ|\(c\)\s).{0,300}$",
        # The page's link back to its top: the footer follows.
        r"^back to top\W*$",
    )
]
_CLOSING = [
    re.compile(p)
    for p in (
        # "X is The Capitol Sentinel's Beijing bureau chief.": the outlet's name may stand before the role.
        rf"^{NAME} (?:is|was) (?:a|an|the|The) (?:[\w'’-]+ ){{0,4}}(?:journalist|reporter|correspondent|analyst|fellow|"
        r"researcher|writer|editor|photographer|professor|director|lecturer|contributor|columnist|student|chief)\b.*$",
        # The name may hold small words: "Reporters at Risk Network is an independent non-profit organisation …".
        r"^(?:The )?[A-Z0-9][\w'’&.-]*(?: (?:[A-Z0-9][\w'’&.-]*|of|at|for|and|on|in|the)){0,6} is (?:a|an) (?:[\w-]+ ){0,4}"
        r"(?:program|programme|project|"
        r"publication|organi[sz]ation|non-?profit|charity|think tank|website|service|institute|network|magazine|"
        r"newsletter|signatory|podcast|blog|radio station|news site|news outlet)\b.*$",
        # A newsletter's note on its writer: "The X Letter is written by Y, an economist who …".
        r"^(?:The )?[A-Z0-9][\w'’&.-]*(?: [A-Z0-9][\w'’&.-]*){0,6} is (?:written|edited|written and edited|produced) "
        r"by [A-Z]\w.*$",
        rf"^.{{0,80}}\b{CONTRIBUTED}$",
        r"^(?i:the views (?:expressed|in this)\b).*$",
        # The page's note on whose view it gives: "This editorial reflects the view of the board …".
        r"^This (?:editorial|column|commentary|op-ed|opinion piece|piece|article|essay|review) (?:reflects|represents|"
        r"expresses|is the (?:view|opinion)|does not (?:necessarily )?reflect)\b.{0,250}$",
        # The writer's bio by role: "The writer is a professor of history at …", "The authors are researchers at …".
        r"^(?:The|the) (?:writer|author|columnist|contributor)s? (?:is|are|was|were) (?:a|an|the|former|currently|"
        r"based)\b.{0,300}$",
    )
]


@lru_cache(maxsize=4096)
def is_boilerplate(text: str) -> bool:
    return (
        any(pattern.match(text) for pattern in _PATTERNS)
        or bool(PICTURE_LINKS.match(text))
        or is_menu(text)
        or is_post_counter(text)
        or is_engagement_counts(text)
        or is_info_strip(text)
        or is_account_gate(text)
    )


def is_related_heading(text: str) -> bool:
    return bool(_RELATED_HEADING.match(text))


@lru_cache(maxsize=4096)
def ends_story(text: str) -> bool:
    # A line of parts between bars opening with a marker ("Comments (212) | Join the conversation …") is one too.
    first = _PARTS.split(text, maxsplit=1)[0]
    return any(pattern.match(text) or pattern.match(first) for pattern in _ENDS_STORY)


_PARTS = re.compile(r"\s+\|\s+")


@lru_cache(maxsize=4096)
def is_closing(text: str) -> bool:
    return any(pattern.match(text) for pattern in _CLOSING)


@lru_cache(maxsize=4096)
def is_menu(text: str) -> bool:
    """A menu, breadcrumb or link bar: items between separators, or words that are all menu words."""
    if len(text) > 200:
        return False
    items = [i.strip() for i in re.split(r"\s*(?:\||›|»|>>?|/|∙|·|•|::)\s*", text) if i.strip()]
    if len(items) >= 3 and all(len(i.split()) <= 4 and not SENTENCE_END.search(i) for i in items):
        return True
    if len(items) >= 2 and re.search(r"\s(?:›|»|>>?|::)\s", text) and all(len(i.split()) <= 4 for i in items):
        return True
    # A breadcrumb of two sections: "Asia-Pacific / Ports & Logistics" (capitalised words on both sides); a labelled
    # line ("Image: Jane Doe / Outlet") is a credit, not sections.
    if (
        len(items) == 2
        and " / " in text
        and ":" not in text
        and all(is_title_case(i) and len(i.split()) <= 3 for i in items)
    ):
        return True
    tokens = re.findall(r"[\w'’-]+|[^\w\s]", text.lower())
    word_tokens = [t for t in tokens if t[0].isalnum()]
    if not word_tokens or len(word_tokens) > 12:
        return False
    if all(t in _UI_WORDS for t in word_tokens):
        return True
    # The small words a headline shares with any menu ("the", "of") weigh nothing: "The end of the river economy" is
    # one menu word in three.
    content = [t for t in word_tokens if t not in _SMALL_WORDS] or word_tokens
    menu_words = sum(t in _UI_WORDS for t in content)
    return len(word_tokens) >= 3 and menu_words > MENU_WORD_SHARE * len(content) and not SENTENCE_END.search(text)


_SMALL_WORDS = frozenset("a an the of and".split())


def menu_runs(texts: list[str]) -> set[int]:
    """A menu copied one item a line: a run of at least MIN_MENU_RUN short lines (three words at most, an "&" no word;
    no sentence), some of them menu words or half of them single words ("Football", "Tables"). Its items ("Just In", "Politics & Diplomacy") are no one's name and no
    headline. Their indexes in `texts`."""
    found: set[int] = set()
    run: list[int] = []
    for i, text in enumerate([*texts, ""]):
        short = len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text)) <= 3
        if text and short and not SENTENCE_END.search(text) and not re.search(r"\d", text):
            run.append(i)
            continue
        # Its items are a site's words, or mostly single words: a person's name has two at least.
        single = sum(len(texts[j].split()) == 1 for j in run)
        if len(run) >= MIN_MENU_RUN and (
            sum(is_menu(texts[j]) for j in run) >= MIN_MENU_WORDS_IN_RUN or single * 2 >= len(run)
        ):
            found.update(run)
        run = []
    return found


def is_list_item(text: str) -> bool:
    """An entry of a related list: a bullet, or a short headline-like line (with or without a date)."""
    from archive.importers.rawtext.dates import find_dates

    if BULLET.match(text) and len(text) <= 250:
        return True
    if len(text) > 160:
        return False
    return not SENTENCE_END.search(text) or bool(find_dates(text[-30:]))


def is_related_item(text: str) -> bool:
    """A bullet naming another article with its date: "- Students mobilized for exercises - March 10, 2025"."""
    from archive.importers.rawtext.dates import find_dates

    if not (BULLET.match(text) and len(text) <= 250):
        return False
    found = find_dates(text)
    return bool(found) and found[-1].end >= len(text.rstrip(" )")) - 1


def is_dated_entry(text: str) -> bool:
    """A headline-like line ending with its date in parentheses or after a dash: "A Sinuiju trader on the trains (Nov
    20, 2024)", "Ice road closes early — 2 March 2025",
    "» Ferry to Sokcho: will the route return? (28.08.2024)", "… talks on border trade (Oct. 8)": another article in
    a related list."""
    from archive.importers.rawtext.dates import find_dates

    match = re.search(r"\((?P<date>[^()]{4,40})\)$", text) or _DASHED_DATE.search(text)
    if match is None or len(text) > 250:
        return False
    if _MONTH_DAY.fullmatch(match.group("date")):
        return True  # "(Oct. 22)": a list of this year's stories leaves the year out
    found = find_dates(match.group("date"))
    return bool(found) and found[0].start == 0 and found[-1].end >= len(match.group("date").rstrip(".")) - 1


# "Ice road closes early — 2 March 2025": a headline of three words or more, then its date after a dash or a bar.
# A credit dated so ("Conducted by X | 22 July 2025") is none.
_DASHED_DATE = re.compile(r"^(?!.*\b[Bb]y\b)(?:\S+\s+){2,}\S*[^\W\d]\S*\s+[—–|-]\s+(?P<date>[^—–|]{4,40})$")
_MONTH_DAY = re.compile(
    r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
)


_SIGNUP_PROMPT = re.compile(
    r"^(?:sign up|subscribe|get|join|receive)\b.{0,60}(?:newsletter|email|e-mail|briefing|digest|\b(?:to|for) [A-Z]\w*)"
    r".{0,30}$",
    re.I,
)
# The prompt's pitch after a dash or a colon ("Sign up for X — our picks, every Friday") is no part of its length.
_PITCH = re.compile(r"\s+[—–-]\s+|:\s+")
_SMALL_PRINT = re.compile(r"\b(?:privacy|email address|e-mail address|unsubscribe)\b|^subscribe$", re.I)
# A sign-up box reaches from its prompt to its small print within this many lines.
MAX_SIGNUP_BOX = 6


def signup_boxes(texts: list[str]) -> set[int]:
    """A newsletter's sign-up box set into a page: its prompt ("Sign up to Morning Brief", "Get our evening email"),
    the pitch under it and its small print (a privacy notice, "Email address"). Their indexes in `texts`."""
    found: set[int] = set()
    for i, text in enumerate(texts):
        prompt = _PITCH.split(text, maxsplit=1)[0]
        if len(prompt.split()) > 8 or not _SIGNUP_PROMPT.match(prompt):
            continue
        ends = [j for j in range(i + 1, min(i + MAX_SIGNUP_BOX + 1, len(texts))) if _SMALL_PRINT.search(texts[j])]
        if ends:
            found.update(range(i, ends[-1] + 1))
    return found


def player_residue(texts: list[str]) -> set[int]:
    """What an embedded video player leaves in a copied page: its time code ("0:00 / 2:31"), the "Watch: <title>"
    label over it and the one-sentence description beside it. Their indexes in `texts`."""
    found = set()
    for i, text in enumerate(texts):
        if not TIME_CODE.match(text):
            continue
        found.add(i)
        if i > 0 and _PLAYER_LABEL.match(texts[i - 1]):
            found.add(i - 1)
        if i + 1 < len(texts) and (_PLAYER_LABEL.match(texts[i + 1]) or _one_sentence(texts[i + 1])):
            found.add(i + 1)
    return found


def _one_sentence(text: str) -> bool:
    sentences = re.findall(r"[.!?](?:\s|$)", text)
    return len(sentences) == 1 and len(text.split()) <= 40 and not text.startswith(('"', "“"))


_NOTE_NUMBER = re.compile(r"^\[?(\d{1,2})[.)\]]\s+\S")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


def _marks_note(text: str, number: int) -> bool:
    """Whether `text` carries the mark of note `number` after a word or a full stop: "….[2]", "…²"."""
    if re.search(rf"(?<=\S)\[{number}\]", text):
        return True
    return (
        number <= len(_SUPERSCRIPTS)
        and re.search(rf"(?<=\w|[.,;:!?\"”’]){_SUPERSCRIPTS[number - 1]}", text) is not None
    )


def footnotes(texts: list[str]) -> set[int]:
    """A text's numbered notes after the story: "1. …", "2. …" numbered from one, each number marked in the lines
    above them ("… was 51.[1]"), none of them below the notes. Their indexes in `texts`."""
    for i, text in enumerate(texts):
        found = _NOTE_NUMBER.match(text)
        if found is None or found[1] != "1":
            continue
        run = [i]
        while run[-1] + 1 < len(texts) and (nxt := _NOTE_NUMBER.match(texts[run[-1] + 1])) is not None:
            if int(nxt[1]) != len(run) + 1:
                break
            run.append(run[-1] + 1)
        above = texts[:i]
        if all(any(_marks_note(line, n) for line in above) for n in range(1, len(run) + 1)) and not any(
            _marks_note(line, n) for line in texts[run[-1] + 1 :] for n in range(1, len(run) + 1)
        ):
            return set(run)
    return set()
