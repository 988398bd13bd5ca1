# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
# The notebook behind `toolkit report`: it reads the articles named in INPUTS (files,
# folders, glob patterns), counts lemmas and the framing terms in TERMS, and ends with a record
# of what produced it. Edit these values and run it in JupyterLab, or from a terminal:
#     toolkit report path/to/articles --out reports/my-report
INPUTS = ["../data/articles"]
TERMS = ["endişe", "yaptırım", "tehdit", "işbirliği", "iş birliği"]
LEXICON = None
TITLE = "Framing report"
TOP = 25
EXPORT_DIR = None
EXPORT_STEM = "report"
VALIDATION = None  # a coded sheet (CSV/XLSX from analysis.coding_sheet()) adds "How valid are these counts"
RECALL = None  # with VALIDATION: a coded recall sheet (from analysis.recall_sheet()) adds recall

# %%
import html
import warnings

import pandas as pd
from IPython.display import Markdown, display

import toolkit
from toolkit import plots, report

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.max_rows", 200)
warnings.simplefilter("ignore", toolkit.SkippedInputWarning)

corpus = toolkit.load_corpus(INPUTS)
analysis = toolkit.analyze(corpus)
lexicon = toolkit.Lexicon.from_yaml(LEXICON) if LEXICON else toolkit.Lexicon.default()
tables = report.report_tables(analysis, TERMS, lexicon=lexicon)
docs = tables["documents"]
dates = docs["date"].dropna()

display(Markdown(f"# {html.escape(TITLE)}"))
print(f"{len(corpus)} articles from {docs['source'].nunique()} sources, "
      f"{len(analysis.tokens):,} word tokens, {analysis.tokens['lemma'].nunique():,} distinct lemmas"
      + (f", dated {dates.min()} to {dates.max()}" if len(dates) else ""))
print(f"{len(corpus.skipped)} inputs left out (listed below)" if corpus.skipped else "Every input was read.")

# %% [markdown]
# ## Inputs left out
# Files and records that could not be used, each with what to do about it. Everything else
# was analysed.

# %%
for message in corpus.skipped or ["None."]:
    print(message)

# %% [markdown]
# ## The articles
# `n_tokens` is the number of word tokens (punctuation excluded) in the title and body.

# %%
report.table(docs[["id", "source", "date", "title", "n_tokens"]])

# %% [markdown]
# ## Agency copies
# Articles whose body nearly repeats an earlier article's (agency copy republished by several
# outlets): word 3-gram shingles compared with MinHash/LSH, a copy when their Jaccard
# similarity is at least 0.3 (`toolkit.duplicates`). Each cluster is named by its earliest
# article (`original`); `similarity` (0 to 1) is a copy's closest match with an earlier member.
# The counts in this report include every copy; `load_corpus(..., duplicates="first")` counts
# each story once.

# %%
from toolkit.duplicates import clusters as copy_clusters

copies = copy_clusters(corpus)
print(f"Stories appearing more than once: {copies['cluster'].nunique()}; copies of an earlier article: "
      f"{len(copies) - copies['cluster'].nunique()} of {len(corpus)} articles." if len(copies) else "No article copies another.")
report.table(copies.round({"similarity": 2})) if len(copies) else None

# %% [markdown]
# ## Which terms dominate
# A term is a name (*Kuzey Kore*, *Kim Jong Un*: one term, whatever its suffix), a fixed
# expression (*bir araya gelmek*, *iş birliği*) or the lemma of a noun or adjective:
# *yaptırımları*, *yaptırımlar* and *yaptırım* count as **yaptırım**. Verbs, stopwords,
# numbers and reporting verbs (*söylemek*, *açıklamak* …) are left out; `per_10k` is per
# 10,000 word tokens; `documents` is the number of articles using the term.

# %%
freqs = tables["term_frequencies"]
report.table(freqs.head(TOP).round({"per_10k": 1}))

# %%
plots.bar_chart(freqs.head(TOP), label="term", highlight=TERMS, title=f"The {TOP} most frequent terms",
                xlabel="occurrences")

# %%
plots.word_cloud(freqs, highlight=TERMS, title="Terms by frequency (framing terms in colour)") if len(freqs) else print(
    "No terms to draw: every word is a stopword, a verb or a number.")

# %% [markdown]
# ## Actors
# People, countries and organisations named in the articles: `count` mentions (*Kim* after
# *Kim Jong Un* counts under the full name), `documents` articles; `kind` comes from the
# shipped gazetteer (countries, capitals, international bodies), a title before the name
# (`person`), or is `name`.

# %%
report.table(tables["actors"].head(TOP))

# %% [markdown]
# ## Who says what
# Quotations with a speech verb (*"…" dedi*, *diye yazdı*) and sources introduced by *-e göre*,
# with the frames whose cues occur inside the quote.

# %%
# (frames shown comma-separated so the column wraps and the quote keeps its width; the exported
# table keeps the "|"-joined value)
quotes = tables["quotes"][["doc_id", "kind", "speaker", "verb", "quote", "frames"]]
report.table(quotes.assign(frames=quotes["frames"].map(lambda f: f.replace("|", ", ") if isinstance(f, str) else f)))

# %% [markdown]
# ## The framing terms, in all their forms
# A term is a lemma, or several words matched on their lemmas (*iş birliği*). `count` adds up every
# inflected form of the term; `negated` counts occurrences under verbal
# negation; `forms` lists the forms actually written.

# %%
report.table(tables["term_counts"])

# %%
plots.bar_chart(tables["term_counts"], label="term", highlight=TERMS, title="Framing terms", xlabel="occurrences")

# %% [markdown]
# ### By source
# Occurrences of each term per outlet (articles without a source are counted under "unknown").

# %%
by_doc = tables["term_counts_by_document"].merge(docs[["id", "source"]], left_on="doc_id", right_on="id")
report.table(by_doc.assign(source=by_doc["source"].fillna("unknown")).pivot_table(
    index="term", columns="source", values="count", aggfunc="sum", fill_value=0
).reindex(TERMS, fill_value=0))

# %% [markdown]
# ## Frames
# Frame cues from the lexicon (default: `toolkit/resources/frames_tr.yaml`, generic frames of
# Semetko & Valkenburg 2000 and foreign-news issue frames) matched on lemmas. `hits` are plain
# occurrences, `negated` those negated ("endişe duymuyoruz", "kriz değil", "endişeye gerek
# yok"), `names` those inside a proper name ("Adalet Sarayı"), `out_of_context` those of a
# frame that needs a public actor with none in their sentence ("Annesi bizi davet etti"),
# both counted in neither;
# `per_10k` is hits per 10,000 word tokens of the group; `share` the share of its articles
# with at least one hit.

# %%
frames = tables["frames"]
report.table(frames.round({"per_10k": 1, "share": 2}))

# %%
plots.frame_bar_chart(frames, labels=lexicon.labels, title="Frame hits") if frames["hits"].sum() + frames["negated"].sum() else print(
    "No frame cue occurs in these articles.")

# %%
by_source = tables["frames_by_source"]
plots.frame_heatmap(by_source, labels=lexicon.labels, title="Frame hits per 10,000 tokens, by source") if by_source[
    "source"].nunique() > 1 else print("One source only: no comparison across sources.")

# %% [markdown]
# ## How valid are these counts
# Precision is the share of counted hits that carry their frame, with its 95 % Wilson interval;
# recall the share of the frame's instances that are counted.

# %%
if LEXICON:
    display(Markdown("The toolkit's own figures are for its shipped lexicon, not for this one: code a sample of "
                     "these hits (`analysis.coding_sheet()`, then `report --validation`) to know how valid they are."))
else:
    shipped = toolkit.lexicon_validity()
    display(Markdown(html.escape(shipped.summary())))
    display(report.table(shipped.frames, decimals=2))

# %%
if VALIDATION:
    validity = toolkit.validate(VALIDATION, recall=RECALL, lexicon=lexicon)
    display(Markdown("### Your coded sample\n" + html.escape(validity.summary())))
    display(report.table(validity.frames, decimals=2))
if EXPORT_DIR:
    (sheet, missed), kept = report.write_coding_sheets(analysis, EXPORT_DIR, EXPORT_STEM, lexicon=lexicon,
                                                       per_frame=20, n=200)
    display(Markdown(
        f"**To measure these counts on these articles**, code the two sheets beside this report: "
        f"`{sheet}` (up to 20 counted hits per frame) and `{missed}` (up to 200 sentences, each with the "
        "frames counted in it). "
        "Each coder fills a column of their own: `frame_present_<name>` in the first (1 = the line carries "
        "its frame, 0 = not), `frames_present_<name>` in the second (every frame the sentence carries, counted "
        "or not, named as in the Frames table above, comma-separated). Then run the report again with "
        f"`--validation {sheet} --recall {missed}`. "
        + ("Both were kept from an earlier run" if len(kept) == 2 else "One was kept from an earlier run" if kept
           else "Both were written now")
        + ": a sheet already there is never replaced, as it may hold a coder's work; delete it for a fresh sample."))

# %% [markdown]
# ## Each occurrence in context
# Keyword in context: six words either side, within the sentence.

# %%
report.table(tables["kwic"][["term", "doc_id", "left", "keyword", "right"]], right=("left",))

# %% [markdown]
# ## How this report was made
# The versions, parameters and input files (with SHA-256 hashes) that produced this report:
# rerun the same command on files with the same hashes to reproduce it.

# %%
parameters = {"INPUTS": INPUTS, "TERMS": TERMS, "LEXICON": LEXICON, "TITLE": TITLE, "TOP": TOP, "VALIDATION": VALIDATION,
              "RECALL": RECALL}
with pd.option_context("display.max_colwidth", None):
    display(report.provenance(parameters, lexicon=LEXICON), report.input_files(corpus))

# %%
exported = report.write_tables(tables, EXPORT_DIR, EXPORT_STEM) if EXPORT_DIR else []
