"""Word lists and tables the event rules share."""

from __future__ import annotations

# Status precedence when several cues apply along the chain of governing verbs: an event that a
# sentence denies is negated whatever else is said of it.
STATUS_RANK = {"negated": 4, "hypothetical": 3, "alleged": 2, "expected": 1, "occurred": 0}


CUE_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "acl", "dobj", "pobj", "csubj"}


COMPLEMENT_DEPS = {
    "xcomp",
    "ccomp",
    "pcomp",
    "acl",
    "advcl",
    "relcl",
    "pobj",
    "dobj",
    "prep",
    "conj",
    "csubj",
}


MODAL_STATUS = {
    "will": "expected", "'ll": "expected", "’ll": "expected", "shall": "expected", "wo": "expected",
    "would": "hypothetical", "could": "hypothetical", "might": "hypothetical", "may": "hypothetical",
    "should": "hypothetical", "can": "hypothetical", "ca": "hypothetical", "must": "hypothetical",
    "'d": "hypothetical",
}  # fmt: skip


# The threat a conditional coercive act makes, by the act's CAMEO root.
THREATS = {"15": "138", "16": "1312", "17": "137", "18": "138", "19": "138", "20": "138"}
# what ends a fight: agreeing to one is agreeing with the other side
TRUCES = {"ceasefire", "cease-fire", "truce", "armistice"}
# sending forces somewhere (peacekeeping, a show of force, a deployment): to one's own territory, a deployment
DEPLOYMENTS = {"074", "150", "154"}
# the state's own arms
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY"}
# what a threatened side "will face" or "pay": "a crushing response", "a heavy price", "consequences"
REPRISALS = {"response", "price", "consequence", "retaliation", "reprisal", "retribution", "punishment", "revenge",
             "wrath", "cost"}  # fmt: skip
# verbs that foretell: "warned that the rebels would be crushed", "vowed the attackers will pay"
THREATENING_SPEECH = {"warn", "vow", "pledge", "promise", "insist", "stress", "assert"}


CHARGE_DEPS = {"attr", "acomp", "amod", "dobj", "pobj", "prep", "compound", "oprd", "advmod", "conj"}


ACCUSING_SPEECH = {
    "say",
    "add",
    "allege",
    "claim",
    "charge",
    "state",
    "argue",
    "insist",
    "write",
    "declare",
    "tell",
    "contend",
    "assert",
}


# nouns that name whatever someone last did: "Washington denounced the move", "welcomed the decision"
GENERIC_DEEDS = frozenset(
    {"move", "decision", "step", "action", "act", "measure", "ruling", "verdict", "sentence"}
)
# weapons and vehicles a force sends, buys or uses: things, though the actor roles name some of them
EQUIPMENT = frozenset({
    "tank", "drone", "missile", "jet", "warplane", "warship", "artillery", "rocket", "weapon", "arm", "ammunition",
    "munition", "shell", "aircraft", "helicopter", "bomber", "submarine", "vessel", "ship",
})  # fmt: skip
# demands and appeals for someone's release: of whoever holds them
RELEASE_DEMANDS = frozenset({"1053", "0253"})
# "the government" with nothing to say whose: a foreign actor addressing it addresses its host's
BARE_GOVERNMENTS = frozenset({"government", "authorities", "regime", "administration", "leadership"})
# who hosts a gathering meets those who come: "a Qatar-hosted meeting", "talks organized by the U.N."
HOSTING = frozenset({"host", "organize", "organise", "convene", "sponsor", "mediate", "broker", "arrange"})
HOSTED = frozenset(
    {"hosted", "organized", "organised", "convened", "sponsored", "mediated", "brokered", "arranged"}
)
CHARGES = {"allegation", "accusation", "claim", "charge", "criticism", "assertion", "complaint"}


HEARSAY = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}


REPORTING_VERBS = {
    "say",
    "announce",
    "state",
    "tell",
    "declare",
    "report",
    "confirm",
    "add",
    "note",
    "write",
    "pledge",
    "promise",
    "vow",
}


RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}


NON_STATE_ARMED = {"REB", "CRM", "INS"}


# "claimed responsibility for the attack", "took credit for attacking": the claimant did the deed
CLAIMS = {"responsibility", "credit"}


FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"}


CIVILIAN_PLACES = {
    "town", "township", "city", "village", "district", "neighborhood", "neighbourhood", "area", "region",
    "province", "camp", "hospital", "school", "home", "house", "market", "clinic", "church", "mosque", "street",
    "community", "settlement", "suburb", "hamlet", "hotel", "building", "port", "airport", "base", "station",
    "bus", "minibus", "train", "car",
    # businesses and gatherings a state shuts: "shut down beauty salons", "closed universities"
    "shop", "salon", "restaurant", "cafe", "business", "university", "college", "office",
}  # fmt: skip


QUANTITY_WORDS = {
    "thousand",
    "hundred",
    "dozen",
    "million",
    "score",
    "group",
    "crowd",
    "number",
    "handful",
    "tens",
}


SITES = {
    "airbase", "base", "refinery", "depot", "plant", "facility", "pipeline", "infrastructure", "grid", "bridge",
    "ship", "vessel", "tanker", "convoy", "post", "checkpoint", "barracks", "outpost", "headquarters", "port",
    "airport", "airfield", "dam", "power", "target", "position", "site", "stronghold", "hideout", "tunnel",
    "compound", "vehicle", "truck", "helicopter", "aircraft", "plane", "patrol", "motorcade", "jeep",
    "boat", "ferry", "freighter", "trawler",
}  # fmt: skip
# what a vehicle attacked was carrying is who was attacked: "a bus carrying soldiers"
CARRYING = frozenset({"carry", "transport", "ferry", "take"})


RELATIONAL_PEOPLE = {
    "partner", "ally", "neighbor", "neighbour", "rival", "enemy", "friend", "adversary", "opponent", "critic",
    "supporter", "member", "successor", "predecessor", "counterpart", "foe", "client", "proxy",
}  # fmt: skip


RELATION_NOUNS = {"tie", "relation", "relationship", "partnership", "alliance", "cooperation", "friendship"}


GROUP_WORDS = {
    "country",
    "nation",
    "side",
    "government",
    "leader",
    "neighbor",
    "neighbour",
    "ally",
    "state",
    "member",
    "party",
    "rival",
    "faction",
    "belligerent",
}
# "both sides", "the warring parties": the two who last fought or dealt with each other, whatever their country
SIDE_WORDS = {"side", "party", "rival", "faction", "belligerent"}


NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
# "X said Y must/should ...": an obligation put on someone else is a request of them
OBLIGATION_MODALS = {"must", "should", "ought"}
# Sectors whose words are commentary: analysts, scholars and think tanks speak, but do not act
OBSERVERS = {"EDU"}

# object pronouns that point back to someone other than their clause's subject, and the places in a
# sentence where what they point back to stands
OBJECT_PRONOUNS = frozenset({"them", "him", "her"})
ANTECEDENT_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "conj", "appos", "attr", "dative"})
# charges a state's prosecutors lay ("he rejects the charges"), unlike accusations anyone may make
LEGAL_CHARGES = frozenset({"charge", "indictment", "count"})
# what an attitude is toward: "concerned about", "alarmed by", "disappointed with", "angry at", "worried over"
ATTITUDE_PREPS = frozenset({"about", "over", "by", "with", "at", "regarding", "of", "toward", "towards"})
# documents that act for whoever issued them ("the resolution calls on", "a report accused")
DOCUMENTS = frozenset({
    "report", "resolution", "statement", "regulation", "law", "decree", "order", "ruling", "verdict", "lawsuit",
    "suit", "letter", "communique", "declaration", "bill", "directive", "ordinance", "indictment", "petition",
    "complaint", "memo", "memorandum", "edict", "warrant", "sanction",
})  # fmt: skip
