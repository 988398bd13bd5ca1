# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # How 50 articles frame foreign affairs: Milliyet (2009) and Sözcü (2013–14)
#
# The demo corpus holds 25 Milliyet articles from September 2009 and 25 Sözcü articles from
# December 2013 – January 2014, all on international politics (origin and licence:
# `data/news_demo/README.md`). We ask which **frames** dominate, how outlets and months differ,
# which words are **key** to each outlet, and how *endişe* (concern) and *yaptırım* (sanction)
# are used in context.
#
# Frames are counted with the toolkit's default lexicon (`toolkit/resources/frames_tr.yaml`):
# the five generic news frames of Semetko & Valkenburg (2000) and five issue frames for
# foreign-affairs news defined for this project. Cues are matched on **lemmas**, so every
# inflected form counts (*yaptırımların*, *yaptırımları*), *ateşkes* is never *ateş*, a
# negated cue (*endişe duymuyoruz*, *kriz değil*, *endişeye gerek yok*) is counted apart as
# `negated`, never as a plain hit, and a cue inside a proper name (*Adalet Sarayı*, *Barış
# Manço*) is counted apart as `names`.
# Two outlets *and* two periods differ here, so any outlet difference is also a time
# difference: read the comparisons as descriptions of these 50 articles, not of the outlets.

# %% tags=["parameters"]
CORPUS = "../data/news_demo/articles.jsonl"
LEXICON = None  # path to your own YAML lexicon, or None for the shipped one
GROUP_A, GROUP_B = "Milliyet", "Sözcü"
TERMS = ["endişe", "yaptırım"]
EXPORT_DIR = "../build/validation"

# %%
import pandas as pd
from IPython.display import Markdown, display

import toolkit
from toolkit import plots
from toolkit import Lexicon
from toolkit import report

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 200)
lexicon = Lexicon.from_yaml(LEXICON) if LEXICON else Lexicon.default()
corpus = toolkit.load_corpus(CORPUS)
analysis = toolkit.analyze(corpus)
labels = lexicon.labels
print(analysis, "·", lexicon)
analysis.documents.groupby("source")[["n_tokens"]].agg(["count", "sum"])

# %% [markdown]
# ## The lexicon
# One row per cue: the words as written and the lemmas they match (a derived cue such as
# *işsizlik* shows its base lemma with the derivation it requires).

# %%
lexicon.to_frame().groupby("frame", sort=False)["cue"].agg(lambda c: ", ".join(c)).to_frame()

# %% [markdown]
# ## Which frames dominate
# `hits` are plain cue occurrences, `negated` the negated ones, `names` those inside proper
# names (counted in neither), `per_10k` hits per 10,000 word tokens, `share` the fraction of
# articles with at least one plain hit.

# %%
overall = analysis.frames(lexicon, by="corpus")
overall.sort_values("hits", ascending=False)

# %%
plots.frame_bar_chart(overall, labels=labels, title="Frame cues in 50 articles")

# %% [markdown]
# The hits kept apart: each negated hit with the rule that negated it, each hit inside a name,
# and each hit of a frame that needs a public actor (diplomacy, sanctions, security) with none
# in its sentence.

# %%
apart = analysis.frame_hits(lexicon).query("negated or in_name or out_of_context")
kind = apart["negation"].where(apart["negated"], "in a name").where(
    apart["negated"] | apart["in_name"], "no public actor")
apart.assign(kind=kind)[["frame", "kind", "surface"]].sort_values(["kind", "frame"]).reset_index(drop=True)

# %% [markdown]
# ## By outlet

# %%
by_source = analysis.frames(lexicon, by="source")
by_source.pivot(index="frame", columns="source", values=["per_10k", "share"]).loc[lexicon.names].round(2)

# %%
plots.frame_heatmap(by_source, labels=labels, title="Frame cues per 10,000 tokens")

# %% [markdown]
# ## Over time
# Weeks within each outlet's window (the two windows are four years apart, so each outlet
# has its own panel).

# %%
by_week = analysis.frames(lexicon, by=["source", "week"])
plots.frame_timeline(by_week, labels=labels, title="Frame cues per 10,000 tokens, by week")

# %% [markdown]
# ## Which words are key to each outlet
# Log-likelihood (Dunning 1993) tests whether a lemma's frequency differs between the two
# outlets; `log_ratio` (Hardie 2014) is the effect size: +1 means twice as frequent in the
# first group.

# %%
key = analysis.keyness(GROUP_A, GROUP_B, min_count=5)
pd.concat({GROUP_A: key[key["key_for"] == "a"].head(12).reset_index(drop=True),
           GROUP_B: key[key["key_for"] == "b"].head(12).reset_index(drop=True)}, axis=1)[
    [(g, c) for g in (GROUP_A, GROUP_B) for c in ("lemma", "count_a", "count_b", "log_likelihood", "log_ratio")]
].round(1)

# %%
plots.comparison_cloud(key, names=(GROUP_A, GROUP_B), title="Lemmas key to each outlet (size: log-likelihood)")

# %% [markdown]
# ## *endişe* and *yaptırım* in context
# `count` adds every inflected form (derived words such as *endişeli* only with
# `derivations=True`); `negated` counts occurrences whose word or light verb carries negation.

# %%
analysis.term_counts(TERMS)

# %%
kwic = pd.concat([analysis.kwic(t, window=7).assign(term=t) for t in TERMS], ignore_index=True)
kwic[["term", "source", "date", "left", "keyword", "right"]]

# %% [markdown]
# What *endişe* keeps company with (window of 5 words, same sentence; log-likelihood and PMI):

# %%
analysis.collocations("endişe", window=5, min_count=2).head(10).round(2)

# %%
plots.dispersion_plot(analysis.dispersion([*TERMS, "concern_alarm"], lexicon), analysis.documents,
                      title="Where concern and sanctions appear in each article")

# %% [markdown]
# ## Who is named, and who is framed how
# The actors of the 50 articles (names, counted whole: *Recep Tayyip Erdoğan*, *Birleşmiş
# Milletler*), then the frame cues in the same sentence as the ten most mentioned.

# %%
analysis.actors().head(15)

# %%
actors = analysis.actor_frames(lexicon, n_actors=10)
actors.pivot(index="actor", columns="frame", values="hits")[lexicon.names]

# %% [markdown]
# ## Who says what
# Quotations with a speech verb and sources introduced by *-e göre*, by outlet, and the frames
# inside what is quoted.

# %%
quotes = analysis.quotes(lexicon).merge(analysis.documents[["id", "source"]], left_on="doc_id", right_on="id")
print(quotes.groupby(["source", "kind"]).size().unstack(fill_value=0))
quotes[["source", "speaker", "verb", "quote", "frames"]].head(10)

# %% [markdown]
# ## Frames in the vocabulary
# The whole vocabulary, with the lemmas that open a frame cue coloured by their frame.

# %%
plots.frame_word_cloud(analysis.lemma_frequencies(by="frame", lexicon=lexicon), labels=labels,
                       title="Lemmas coloured by frame")

# %% [markdown]
# ## How valid are the shipped lexicon's counts
# The toolkit's gold set holds sentences its rules were never set on, coded blind and scored once
# per release. Pooled, they say how far each frame's count can be trusted on unseen text:
# precision (share of counted hits that carry the frame, 95 % Wilson interval) and recall.

# %%
if LEXICON:
    display(Markdown("These figures are the shipped lexicon's: code a sample of your own lexicon's hits (below)."))
shipped = toolkit.lexicon_validity()
display(Markdown(shipped.summary()))
shipped.frames.round(2)

# %% [markdown]
# ## Validation sheets
# Counting cues is only as good as the cues. A coder reads a fixed random sample of counted
# hits per frame and marks whether the frame is really there (`frame_present`) and whether
# negation was read right (`negation_correct`); a second sheet samples sentences, with the
# frames counted in each, for the frames the counts miss (`frames_present`). The sheets are the
# same for the same seed, and a sheet already written is kept, never replaced: it may hold a
# coder's work (delete it for a fresh sample). `toolkit.validate(sheet, recall=...)` reads them
# back coded.

# %%
(sheet_path, recall_path), kept = report.write_coding_sheets(analysis, EXPORT_DIR, "02", lexicon=lexicon,
                                                             per_frame=10, seed=2024)
for path in (sheet_path, recall_path):
    print(path, "(kept: it was already there)" if path in kept else "(written)")
pd.read_excel(sheet_path).head(5)  # the sheet as the coder opens it

# %% [markdown]
# ## Explore any word
# Type a lemma (*endişe*, *yaptırım*), a term or a frame name (completion lists them all) and
# press Enter: the KWIC lines, twenty at a time (◀ previous, next ▶), and where it occurs in
# each article. The widget runs in JupyterLab; a shared HTML report shows the other cells only.

# %%
from toolkit.explore import explorer

explorer(analysis)

# %% [markdown]
# ## Reading
# *The figures below were read off the tables above when this was written; the tables are
# the authority if a newer lemma model shifts a count by one or two.*
#
# **Which frames dominate.** Across the 50 articles the foreign-affairs issue frames lead:
# diplomacy/cooperation (about 320 plain cue hits, some 160 per 10,000 tokens, in about four
# articles of five) and security/threat (about 270 hits, in eight articles of ten), followed
# by the generic conflict frame, which is the most widespread (about 200 hits, in nine articles
# of ten). Concern and sanctions are minor frames by volume (a few dozen plain hits each, a
# handful negated), present in about a third of the articles each. Cues inside names (*BM
# Güvenlik Konseyi*, *Şanghay İşbirliği Örgütü*) are set apart: about 30 for security alone.
#
# **How the outlets differ.** The Milliyet articles of September 2009 are told as diplomacy
# and security: roughly 230 diplomacy and 175 security cues per 10,000 tokens against about 65
# and 75 in Sözcü, and economic consequences are about one and a half times as dense. Sözcü's
# 2013–14 articles lean to conflict (about 130 vs 70 per 10,000) and human interest (about 25 vs 7).
# The keyness table says why: Milliyet's key lemmas are those of a foreign minister on tour and
# the Iranian nuclear file (*Davutoğlu*, *bakan*, *nükleer*, *enerji*, *Rusya*, *İran*), Sözcü's
# those of Syria, the Sharon obituary and the domestic politics and economy of the time
# (*Suriye*, *Ariel*/*Şaron*, *parti*, *haber*). Outlet and period are confounded here, so this
# is a difference between these two samples, not a claim about the papers.
#
# **endişe and yaptırım in context.** Four of the *endişe* occurrences are negated, and all
# four are reassurances: Putin "is not concerned" by Iran's nuclear programme (*endişe
# etmiyor*, *endişe duymadıklarını*, Milliyet), and in Sözcü *endişe yaşamadıklarını* and
# *Kimse endişe etmesin* ("let nobody worry"). A tool that ignored Turkish verbal negation
# would count these as concern. In Milliyet, concern is mostly about Iran's nuclear programme;
# in Sözcü it also attaches to the economy (inflation, the interest-rate rise). *yaptırım* is
# the sanction threatened against Iran in both outlets: Medvedev's "sanctions are sometimes
# unavoidable" in Milliyet and Obama's veto threat against new sanctions during the talks in
# Sözcü, where most of its occurrences come from that one article (see the dispersion plot).
# These are cue counts: the validation sheet above is the next step before citing them.
