# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # How one article frames its story
#
# By default the seed article (a Turkish news report from September 2023: North Korea's leader
# Kim Jong Un visits Russia and invites Vladimir Putin to Pyongyang). We count **terms** and
# **lemmas**, not word forms:
# Turkish attaches case, possession and plural suffixes to the word, so *endişesiyle*,
# *endişesini* and *endişe* are one lemma, **endişe** (concern), and *yaptırımları*,
# *yaptırımlar*, *yaptırım* are **yaptırım** (sanction).
#
# Rerun this notebook on another article by changing `ARTICLE` below, or from a terminal:
# `toolkit render notebooks/01_seed_article.py out.html -p ARTICLE path/to/article.txt`
# (the path relative to this notebook's folder).

# %% tags=["parameters"]
ARTICLE = "../data/articles/kim-putin-davet.txt"
TERMS = ["endişe", "yaptırım"]

# %%
import toolkit
from toolkit import plots

corpus = toolkit.load_corpus(ARTICLE)
analysis = toolkit.analyze(corpus)
article = corpus[0]
print(f"{article.title!r}: {len(analysis.tokens)} word tokens, "
      f"{analysis.tokens['lemma'].nunique()} distinct lemmas, {analysis.tokens['sentence'].nunique()} sentences")

# %% [markdown]
# ## The token table
# Every word of the article is one row: where it stands (`sentence`, `position`, character
# `start`/`end`), how it is written (`surface`), its dictionary form (`lemma`), part of speech,
# whether it is a stopword, whether zeyrek knew it, and whether its verb is negated; `term` is
# the name or fixed expression the word belongs to (*Kuzey* and *Kore'ye* both have
# **Kuzey Kore**), or its lemma, and `term_kind` says which (`name`, `phrase`, `lemma`).

# %%
analysis.tokens.head(15)

# %% [markdown]
# ## Which terms dominate
# A reader counts names and issues, not word forms: *Kuzey Kore'ye* and *Kuzey Kore'nin* are one
# name, **Kuzey Kore**; *Kim Jong Un'un* is **Kim Jong Un**, and a later *Kim* counts under him;
# *biraraya geldi* is the fixed expression **bir araya gelmek**. Other words count as their
# lemma. By default only names, fixed expressions, nouns and adjectives are counted: verbs,
# stopwords and reporting verbs (*söylemek*, *açıklamak* …) are left out. `per_10k` is per
# 10,000 word tokens.

# %%
freqs = analysis.term_frequencies()
freqs.head(20).round({"per_10k": 1})

# %%
plots.bar_chart(freqs.head(20), label="term", highlight=TERMS, title="Most frequent terms", xlabel="occurrences")

# %% [markdown]
# ## Actors and who says what
# The people, countries and organisations named (`kind` from the shipped gazetteer, or `person`
# when a title stands before the name), and the article's quotations with their speaker.

# %%
actors = analysis.actors()
actors.head(12)

# %%
quotes = analysis.quotes()
quotes[["kind", "speaker", "verb", "quote", "frames"]]

# %% [markdown]
# ## The framing terms, in all their forms
# `count` adds up every inflected form; `forms` lists the forms actually written.

# %%
term_table = analysis.term_counts(TERMS)
term_table

# %%
plots.bar_chart(term_table, label="term", highlight=TERMS, title="Framing terms", xlabel="occurrences")

# %% [markdown]
# ## Each occurrence in context (keyword in context)

# %%
import pandas as pd

pd.set_option("display.max_colwidth", 80)
pd.concat([analysis.kwic(term).assign(term=term) for term in TERMS], ignore_index=True)[
    ["term", "left", "keyword", "right"]
]

# %% [markdown]
# ## Word cloud
# Size is the term's count; the framing terms are in colour.

# %%
plots.word_cloud(freqs, highlight=TERMS, title=article.title)

# %% [markdown]
# ## Reading
# What the tables say, computed for whichever article `ARTICLE` names:

# %%
top_actors = actors.head(3)["actor"].tolist()
counts = analysis.term_counts(TERMS).set_index("term")["count"]
print(f"Most mentioned: {', '.join(top_actors)}.")
for term in TERMS:
    print(f"{term}: {counts.get(term, 0)} occurrence(s).")
print(f"{len(quotes)} quotation(s); speakers: {', '.join(sorted(set(quotes['speaker']) - {''})) or 'none found'}.")

# %% [markdown]
# *About the seed article (written for it; another article needs its own reading):* the story
# is told through its actors, North Korea, Russia, Kim Jong Un and Vladimir Putin, and the
# words of diplomacy (*davet*, *ziyaret*, *kabul*); the quotation is the state agency KCNA's.
# The framing lies in what the West makes of it: **endişe** appears in the lead
# ("endişesiyle yakından takip ettiği"), in "endişe kaynağı" and in the South Korean minister's
# "derin endişesini dile getirdi", and its derivative heads a subhead ("Batı endişeli": counted
# with `term_counts(..., derivations=True)`), while **yaptırım** enters with the US warning of
# "ek yaptırımlar". Concern frames the West's view; sanctions are the threatened response.
