"""Lines set tight against paragraphs standing apart: where a copied page's head and foot end, judged by the shape of
the story's own paragraphs rather than by any outlet's words.

A page copied as text keeps its story's paragraphs apart, a blank line between each, and brings its furniture (menus,
link lists, credits, a footer) as lines set tight, one item a line. So, in a text whose story paragraphs mostly stand
apart:

- a long run of lines set tight after the story, most of them no prose (labels, links, names, dates), is the page's
  furniture as a whole: its few sentences (an author's note, a box's pitch, a cookie notice) are the box's, not the
  story's, however they read. Where the story's paragraphs are set tight too (a copy with no blank lines), a run is
  told from them by length: lines all shorter than half the story's middle paragraph, from the first that is no prose
  (the story's own short closing sentences above it stay the story's);
- the head of the page is such a run too, and the story opens on its last line when that line is shaped like the
  story's paragraphs (a story paragraph set tight under the byline or date line, the next paragraph standing apart
  under it): prose higher in the head (a dek, a picture's caption) is the lead-in's.
"""

import re
from statistics import median

from archive.importers.rawtext.lines import BULLET, Para, is_story_paragraph, reads_as_prose

# A run of the page's furniture has at least this many lines; a picture's caption and credit (two or three lines set
# tight beside a paragraph) are no run.
MIN_RUN_LINES = 6
# The story's paragraphs stand apart: at least this many of them, and most.
MIN_STORY_PARAGRAPHS = 3


def _runs(paras: list[Para], begin: int) -> list[range]:
    """The runs of lines set tight from `begin`, each from a line standing apart to the line before the next."""
    found, first = [], begin
    for i in range(begin + 1, len(paras) + 1):
        if i == len(paras) or paras[i].blank_before:
            found.append(range(first, i))
            first = i
    return found


def _short_runs(paras: list[Para], begin: int) -> list[range]:
    """In a text set tight throughout, the runs of lines from `begin` each shorter than half the story's middle
    paragraph (in words): what stands between the story's paragraphs, or after them."""
    lengths = [len(p.text.split()) for p in paras[begin:] if is_story_paragraph(p.text)]
    if len(lengths) < MIN_STORY_PARAGRAPHS:
        return []
    short = median(lengths) / 2
    found, first = [], None
    for i in range(begin, len(paras) + 1):
        if i < len(paras) and len(paras[i].text.split()) < short:
            if first is None and not reads_as_prose(paras[i].text):
                first = i
        elif first is not None:
            found.append(range(first, i))
            first = None
    return found


def stands_apart(paras: list[Para], begin: int, end: int) -> bool:
    """Whether the story's paragraphs between `begin` and `end` mostly stand apart (a blank line above each)."""
    prose = [p for p in paras[begin:end] if is_story_paragraph(p.text)]
    apart = sum(p.blank_before for p in prose)
    return apart >= MIN_STORY_PARAGRAPHS and apart * 2 > len(prose)


def story_block(paras: list[Para], start: int) -> range | None:
    """The story's paragraphs set tight in one block, from its opening at `start` to the next blank line, the block
    opening with three story paragraphs in a row."""
    end = next((j for j in range(start + 1, len(paras)) if paras[j].blank_before), len(paras))
    if end - start < MIN_STORY_PARAGRAPHS:
        return None
    if not all(is_story_paragraph(p.text) for p in paras[start : start + MIN_STORY_PARAGRAPHS]):
        return None
    return range(start, end)


def furniture_runs(paras: list[Para], start: int) -> set[int]:
    """The indexes of the runs of furniture after the story's opening at `start` (see the module docstring). A list set
    tight (its lines marked as items) is the story's own, wherever it stands."""
    found: set[int] = set()
    apart = stands_apart(paras, start, len(paras))
    # The story set tight in a block with lines standing apart under it: the block stands apart from them.
    block = None if apart else story_block(paras, start)
    if apart:
        runs = _runs(paras, start + 1)
    elif block is not None and block.stop < len(paras):
        runs = _runs(paras, block.stop)
    else:
        runs = _short_runs(paras, start + 1)
    for run in runs:
        texts = [paras[j].text for j in run]
        if len(texts) < MIN_RUN_LINES or sum(bool(BULLET.match(t)) for t in texts) * 2 > len(texts):
            continue
        if sum(not reads_as_prose(t) for t in texts) * 2 <= len(texts):
            continue
        if not apart or stands_apart(paras, start, run.start):
            found.update(run)
    return found


def _middle_paragraph(paras: list[Para]) -> float:
    """The length in words of the middle one of the story paragraphs among `paras` (0 with none)."""
    lengths = [len(p.text.split()) for p in paras if is_story_paragraph(p.text)]
    return median(lengths) if lengths else 0


def opening_under_short_head(paras: list[Para], start: int) -> int | None:
    """The story's opening in the block under the page's head, when the first prose at `start` is a short sentence
    set tight in the head (a note to readers, "Letters may be edited for length."; no story paragraph after it there)
    and the story's paragraphs stand in the block under it: shorter than half their middle paragraph, it is the
    lead-in's."""
    if paras[start].blank_before:
        return None
    end = next((j for j in range(start + 1, len(paras)) if paras[j].blank_before), len(paras))
    if end == len(paras) or any(is_story_paragraph(p.text) for p in paras[start + 1 : end]):
        return None
    if (block := story_block(paras, end)) is None:
        return None
    return end if len(paras[start].text.split()) * 2 < _middle_paragraph(paras[block.start : block.stop]) else None


def opening_under_head(paras: list[Para], start: int, lead_in: set[int]) -> int | None:
    """The story's opening at the foot of the page's head, when the first prose at `start` stands higher in the same
    run of lines set tight: the head's last line, a story paragraph right under a line of the lead-in (`lead_in`: the
    byline, a date line, a credit), with the story's next paragraphs standing apart under it."""
    if paras[start].blank_before:
        return None  # the first prose opens a block of its own: no head set tight around it
    end = next((j for j in range(start + 1, len(paras)) if paras[j].blank_before), len(paras))
    last = end - 1
    if last <= start or end >= len(paras) or last - 1 not in lead_in:
        return None
    if not is_story_paragraph(paras[last].text) or not stands_apart(paras, last, len(paras)):
        return None
    return last


# A picture's caption is shorter than the story's paragraphs: under this share of their middle one, in words.
CAPTION_SHARE = 2 / 3
# A sentence's end, not a title's full stop ("Dr. Ahn speaks …").
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bProf)[.!?][\"”’)]*(?:\s|$)")
_SPEECH = re.compile(r"[\"“”]|\b(?:said|says|told|according to)\b")
# Where a caption's main clause ends and a clause about what it shows begins ("A plant … where women were employed").
_RELATIVE = re.compile(r"\b(?:where|who|whom|which|that|when|while|as)\b")
# A verb telling news in the past or the perfect ("has opened", "were sent"); a caption's participle ("barges moored at
# the quay") is none.
_NEWS_TENSE = re.compile(r"\b(?:has|have|had|was|were|will|would|did)\b", re.I)


def lead_caption(paras: list[Para], start: int) -> bool:
    """Whether the first prose at `start` is the lead picture's caption: one sentence in a block of its own (a blank
    line above and below it), right above the story's paragraphs set tight in a block, shorter than two thirds of
    their middle one, its main clause telling no news (no auxiliary of the past or the perfect: "X speaks at the hall
    on Tuesday.", "A plant outside the town where …"). A story's one-sentence opening stands with its paragraphs, or apart
    as they do, and tells what happened."""
    if not paras[start].blank_before or start + 1 >= len(paras) or not paras[start + 1].blank_before:
        return False
    text = paras[start].text
    if not one_sentence(text) or _SPEECH.search(text) or _NEWS_TENSE.search(_RELATIVE.split(text, maxsplit=1)[0]):
        return False
    block = story_block(paras, start + 1)
    return block is not None and len(text.split()) < CAPTION_SHARE * _middle_paragraph(paras[block.start : block.stop])


def one_sentence(text: str) -> bool:
    """Whether the line is one sentence (a title's full stop, "Dr.", ends none)."""
    return len(_SENTENCE_END.findall(text)) == 1
