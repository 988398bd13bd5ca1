# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # How one article frames Kim's invitation to Putin
#
# The seed article (a Turkish news report from September 2023): North Korea's leader Kim Jong Un
# visits Russia and invites Vladimir Putin to Pyongyang. We count **lemmas**, not word forms:
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
# whether it is a stopword, whether zeyrek knew it, and whether its verb is negated.

# %%
analysis.tokens.head(15)

# %% [markdown]
# ## Which lemmas dominate
# Stopwords (ve, bir, bu, olmak, etmek …) are left out; `per_10k` is per 10,000 word tokens.

# %%
freqs = analysis.lemma_frequencies()
freqs.head(20).round({"per_10k": 1})

# %%
plots.bar_chart(freqs.head(20), highlight=TERMS, title="Most frequent lemmas", xlabel="occurrences")

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
# Size is the lemma's count; the framing terms are in colour.

# %%
plots.word_cloud(freqs, highlight=TERMS, title=article.title)

# %% [markdown]
# ## Reading
# The story is told through its actors: *Kore*, *Rusya* and *Putin* dominate, and the verbs
# are those of diplomacy (*davet*, *ziyaret*, *kabul*). The framing lies in what the West makes
# of it: **endişe** appears in the lead ("endişesiyle yakından takip ettiği"), in "endişe
# kaynağı" and in the closing quote of the South Korean minister ("derin endişesini dile
# getirdi"), and its derivative heads a subhead ("Batı endişeli": counted with
# `term_counts(..., derivations=True)`), while **yaptırım** enters with the US warning of
# "ek yaptırımlar". Concern frames the West's view; sanctions are the threatened response.
