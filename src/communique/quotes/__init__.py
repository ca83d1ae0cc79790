"""Quotations and who said them.

``find_quotes(doc, index)`` returns the quotes of a parsed article (a spaCy ``Doc`` of the body) with
their speakers resolved through the article's ``ActorIndex``:

- ``direct``: whole sentences in quote marks ("“...,” he said."; "said Mr. Pantucci"; "X said: “...”"),
  over several sentences or paragraphs (an opening mark on each paragraph, the closing one on the last),
  with quotes inside quotes kept inside. Each stretch between an opening and a closing mark is a quote of
  its own (``eval/FORMAT.md``): a quote split by its attribution ("“...,” he said, “...”") is two quotes
  of the same speaker, and a quoted sentence with no cue of its own (“...,” he said. “...”) is another
  quote of the speaker before it. Each turn of a quoted transcript ("“PENCE: ...") is a
  quote of its labelled speaker.
- ``mixed``: quoted words inside reported speech, from two words on ("warned China that it would face
  “real costs” if ..."; a single quoted word is not a quote of its own). The reported clause around them
  is indirect speech (``eval/FORMAT.md``); when the quoted words make most of the clause, they alone
  stand for it.
- ``indirect``: the that-clause or bare clause of a speech or cognition verb ("Beijing has denied that
  ..."), the clause an inverted or parenthetical attribution reports ("..., a source said", "The museum,
  he said, will open ..."), what "according to X" qualifies, a claim noun's clause ("Trump's claim that
  ..."), an object and its complement ("called the plan a disaster"), and what some speech acts announce,
  ask for or intend ("urged Congress to act", "wants to leave"), what speech verbs name ("mentioned the
  shortage") and what polls, studies and records show or find. A parenthetical attribution inside a
  sentence that goes on reports the whole sentence, the attribution included ("Lenox thrived, he said,
  until 1999"). Someone's words without quote marks - a transcript's turn ("REYES: ...") or the
  paragraph after "The governor added:" - are indirect too: without marks they cannot be told from a
  paraphrase. A belief reported inside someone's speech ("she said she expects ...") is part of that
  speech, not a second quote; reported speech whose speaker cannot be found is left out.

Speakers: a cue's subject, an inverted subject right after the quote ("said Kristian, who ..."; not the
addressee of "..., Jane Doe, told VOA"), the one quoted in "quoted X as saying", a pronoun or role noun
resolved by the ``ActorIndex`` (never to someone the quoted words name), the person an appositive names ("The
head of the agency, Maria Duarte, said"), the author of a document ("a Journal editorial"); a plural speaker
("they", "the two leaders", "senators led by A and B") is the people its phrase, or the plural subject before
it, names. Quoted words inside someone's reported belief are the reporter's ("said the country expected the
deal “to be signed soon”"), and a quote with no cue of its own continues the speaker before it, not a belief
inside that speaker's words; with no speaker before it, a quote that opens its paragraph is the next
sentence's subject's.

``find_title_quotes`` does the same for the headline ("UN chief: killings 'utterly unacceptable'", "X says
Y"): its quotes are quotes of the article with ``in_title`` set and offsets into the title.

Quoted names, titles, slogans and scare quotes ("a “no limits” partnership", "the “Polonez” launcher", a
headline after "headlined", a book after "author of") are not quotes: a quoted fragment is speech only when
a cue reports it. The cue words are data (``data/speech_verbs.yaml``).

Quote offsets are character offsets into ``doc.text`` (the article body), end exclusive. A quote over
several paragraphs spans from its first to its last quoted word; its text is the quoted parts joined by
a space.
"""

from .attribution import Attribution
from .finder import MIN_FRAGMENT_WORDS, find_quotes, find_title_quotes
from .lexicon import Lexicon, lexicon
from .marks import Segment, quote_segments
from .titles import MAX_HEADLINE_SPEAKER_WORDS, headline_for_parsing

__all__ = [
    "MAX_HEADLINE_SPEAKER_WORDS",
    "MIN_FRAGMENT_WORDS",
    "Attribution",
    "Lexicon",
    "Segment",
    "find_quotes",
    "find_title_quotes",
    "headline_for_parsing",
    "lexicon",
    "quote_segments",
]
