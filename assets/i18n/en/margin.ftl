# Margin's window in English. Each message id is used by a `tr!` in src/ui/; the Chinese file
# (../zh-CN/margin.ftl) holds the same ids. Terms: ../glossary.tsv.

## Dates: the day as the window shows it ($year as text, $month and $day as numbers).

date = { $day } { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $year }
date-weekday = { $weekday ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
} { $date }
date-time = { $date } { $time }
count-codings = { $count ->
    [one] { $count } coding
   *[other] { $count } codings
}

## Documents (the left panel)

documents-title = Documents
documents-import = Import…
documents-import-hover = Import text files, interview transcripts or chat logs (Ctrl+I)
documents-filter-hint = Filter by name
documents-filter-label = Filter documents
documents-empty = No documents yet. Import interview transcripts, chat logs or notes to begin.
documents-group-interviews = Interviews  ({ $count })
documents-group-chats = Chat logs  ({ $count })
documents-group-notes = Notes  ({ $count })
documents-case = Case { $case }
documents-row-label = { $name }, { $count ->
    [one] { $count } coding
   *[other] { $count } codings
}
documents-row-hover-origin = { $name }
    imported from { $file } ({ $encoding })

## Inspector (the coding under the caret, its code, the document)

inspector-title = Inspector
inspector-coding = Coding
inspector-coding-empty = Click a highlight to see its coding here.
inspector-code-of-coding = Code of this coding
inspector-coding-facts = by { $coder } · { $when } · chars { $start }–{ $end }
inspector-start = start
inspector-end = end
inspector-start-earlier = Start one character earlier
inspector-start-later = Start one character later
inspector-end-earlier = End one character earlier
inspector-end-later = End one character later
inspector-fit = Fit to selection
inspector-fit-hover = Make the coding cover exactly the selected text
inspector-remove = Remove
inspector-remove-hover = Remove this coding (Delete)
inspector-coding-memo = Memo on this coding
inspector-code = Code
inspector-in-vivo = in-vivo
inspector-key = key { $key }
inspector-description = Description
inspector-description-hint = What the code means and when to use it
inspector-memo = Memo
inspector-code-memo = Your notes on this code
inspector-document = Document
inspector-document-facts = { $chars } characters · { $count ->
    [one] { $count } coding
   *[other] { $count } codings
}
inspector-document-memo = Memo on this document

## Help

help-title = Help
help-tab-how-to = How to
help-tab-shortcuts = Keyboard shortcuts
help-tab-terms = Terms
help-how-code = Code
help-how-code-1 = Open a document from the list on the left.
help-how-code-2 = Select text with the mouse (or Shift and the arrow keys).
help-how-code-3 = Click a code in the codebook, press its key (1–9), drag the selection onto a code, or right-click the selection and choose Code with….
help-how-code-4 = To make a code from the participant's words, choose In-vivo code (Ctrl+Shift+I).
help-how-code-5 = Click a highlight to see its coding in the inspector: change its code, move its edges, write a memo. Ctrl+Z undoes any step.
help-how-compare = Compare with a colleague
help-how-compare-1 = Bring your colleague's copy in with Merge another copy… in the Project menu.
help-how-compare-2 = Open Team review (Ctrl+Shift+R). The coders who coded the same documents are ticked; tick or untick others.
help-how-compare-3 = Step through the disagreements with F8 (Shift+F8 goes back). Each shows every coder's version; accept one, both or neither to settle it in the consensus.
help-how-compare-4 = The Agreement tab gives percent agreement, κ, α and u-α per code and document.
help-how-export = Export
help-how-export-1 = Open Coded retrieval… in the Analysis menu, pick a code and, if you like, a filter on case attributes.
help-how-export-2 = Export the excerpts as CSV, Excel, Word, HTML or Markdown.
help-how-export-3 = Tables (co-occurrence, crosstabs) export as CSV from their tab.
help-how-export-4 = The command line's margin export writes the whole project for other programs (REFI-QDA, .qdpx).
help-keys-digits = 1 – 9, keys you assign
help-keys-digits-what = Code the selection
help-keys-delete-what = Remove the selected coding
help-keys-shift-arrows = Shift + arrows
help-keys-shift-arrows-what = Select text
help-keys-ctrl-arrows = Ctrl + arrows
help-keys-ctrl-arrows-what = Move by word
help-keys-escape-what = Let go of the selection, then close the find bar
help-keys-enter = Enter / Shift+Enter (find bar)
help-keys-enter-what = Next / previous match
help-keys-f8 = F8 / Shift+F8 (Team review)
help-keys-f8-what = Next / previous disagreement
help-keys-right-click = Right-click the selection
help-keys-right-click-what = Code with…, in-vivo, copy with attribution
help-keys-speaker = Click a speaker or sender
help-keys-speaker-what = Select the whole turn or message
help-keys-f6-what = Move between the panels
help-keys-tab-what = Move between fields
help-keys-f2 = F2 (in the codebook)
help-keys-f2-what = Rename the code
help-keys-menu = Shift+F10 or Menu (in the codebook)
help-keys-menu-what = More: colour, merge, delete…
help-agree = Percent agreement: the share of units (characters, or turns and messages) that both coders coded the same way, with the code or without it.
help-kappa = Cohen's κ (kappa): agreement corrected for chance, from −1 to 1. 0 is what chance gives, 1 is perfect agreement; above 0.8 is usually called strong.
help-alpha = Krippendorff's α (alpha): agreement corrected for chance that works for any number of coders; 1 is perfect, 0 is chance, 0.8 the usual bar.
help-u-alpha = u-α (unitizing alpha): agreement on where the coded stretches begin and end as well as on the code, counted on characters; 1 when the coders marked exactly the same text.
help-binary-u-alpha = |u-α: whether the coders coded the same text with some code of this domain at all, whichever code it was.
help-cu-alpha = cu-α: on the text that both coders coded within the domain, whether they gave it the same code.
help-cap-cu-alpha = Cu-α: on the text both coders coded, whether they put it in the same domain (top-level code).
help-in-vivo = In-vivo code: a code named with the participant's own words, made from the selected text in one step (Ctrl+Shift+I).
help-coded-retrieval = Coded retrieval: every passage coded with a code, gathered from all documents, narrowed by case attributes if you like, to read together or export.

## Team review

list-separator = {", "}
review-title = Team review
review-close = Close
review-tab-disagreements = Disagreements
review-tab-agreement = Agreement
review-tick-two = Tick two coders or more to compare them.
review-you-are = You are
review-nobody = nobody
review-new-coder = New coder…
review-compare = Compare
review-previous = ◀ Previous
review-previous-hover = Previous disagreement (Shift+F8)
review-next = Next ▶
review-next-hover = Next disagreement (F8)
review-position = { $n } of { $total ->
    [one] { $total } disagreement
   *[other] { $total } disagreements
}
review-totals = { $total ->
    [one] { $total } disagreement
   *[other] { $total } disagreements
}, { $agreed ->
    [one] { $agreed } agreed passage
   *[other] { $agreed } agreed passages
}
review-resolved-count = { $resolved } of { $total } resolved
review-resolved-hover = A disagreement is resolved when the consensus coder holds a decision on it: one version accepted, or both.
review-all-disagreements = All disagreements
review-row = { $doc } · { $code } · “{ $quote }” · { $status }
review-row-resolved = ✔ { $doc } · { $code } · “{ $quote }” · { $status }, resolved
review-did-not-code = did not code this
review-coded-as = { $code }: “{ $text }”
review-note = Note: { $note }
review-coded-instead = coded instead: { $code }
review-accept = Accept { $coder }'s version
review-accept-both = Accept both
review-accept-both-undo = Accept both versions
review-accept-neither = Accept neither
review-accept-neither-undo = Accept neither version
review-consensus-none = Consensus: nothing decided yet.
review-consensus-neither = ✔ Resolved: neither version kept (the code does not apply here).
review-consensus-holds = ✔ Resolved. The consensus holds:
review-discussion = Discussion
review-comment-line = { $who }: { $text }
review-comment-hint = Comment on this passage
review-comment-label = Comment
review-post = Post
review-comment-undo = Comment on coding
review-who-first = Say who you are first (the “You are” list).
review-unit = Unit
review-unit-chars = characters
review-unit-segments = turns / messages
review-col-agree = agree
review-per-code = Per code
review-all-codes = All codes
review-per-document = Per document
review-domains = Semantic domains
review-domains-hover = A top-level code with its sub-codes, on characters: |u-α whether the coders coded the same text in the domain, u-α boundaries and codes together, cu-α which code they gave the text both coded; Cu-α which domain.
review-domain-combined = { $chars } characters coded with two or more of its codes at once
review-across-domains = Across domains (Cu-α)
review-left-out = Left out (not coded by all): { $names }
review-merge-unreadable = Could not read { $path }: { $error }
review-merged = Merged { $path }: { $coders ->
    [one] { $coders } coder
   *[other] { $coders } coders
}, { $codes ->
    [one] { $codes } code
   *[other] { $codes } codes
}, { $documents ->
    [one] { $documents } document
   *[other] { $documents } documents
}, { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
}, { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
} added
review-merged-both-kept = { $summary }; { $codings ->
    [one] { $codings } coding differed and both versions were kept
   *[other] { $codings } codings differed and both versions were kept
}
review-merged-note = { $summary }; { $note }
review-merged-end = { $summary }. Undo with Ctrl+Z.

## How a compared passage's versions relate

passage-agreed = agreed
passage-boundaries = boundaries differ
passage-missing = coded by some only

## Codebook (the right panel)

codebook-title = Codebook
codebook-new = + New code
codebook-new-hover = Add a code at the top level
# The name a new code is given until it is renamed.
codebook-new-name = New code
codebook-filter-hint = Filter, or type a new code and press Enter
codebook-filter-label = Filter codes
codebook-empty = No codes yet. Add one with “+ New code”, or select text and press Ctrl+Shift+I for an in-vivo code.
codebook-name-label = Code name
codebook-row-label = { $path }, { $count ->
    [one] { $count } coding
   *[other] { $count } codings
}
codebook-counted = { $count }: { $explain }
codebook-row-hover-code = { $path }
    Click to code the selection
    { $counted }
codebook-menu-code = Code the selection
codebook-menu-rename = Rename…
codebook-menu-sub-code = Add sub-code
codebook-menu-colour = Colour
codebook-colour-label = Colour { $hex }
codebook-menu-shortcut = Set shortcut key…
codebook-menu-merge = Merge into…
codebook-menu-delete = Delete code and its codings

## What a figure counts (the same words as the command line's, analysis::definitions::explain)

explain-count = Codings that share at least one character with the column's text (its cases' own interview turns and chat messages, within the filters). A coding spanning two cases' text counts for each; each coder's coding counts, so a passage two coders coded counts twice.
explain-coverage = Characters of the column's text that some selected coder coded with the code (overlaps counted once), divided by the characters of that text: the participants' own turns (not the interviewer's, headers or speaker labels) and their chat messages, within the filters' documents and dates.
explain-overlap = Places where both codes cover the same text, counted within each coder's own codings and summed over coders. A place is a stretch of text: codings of one code that overlap join, codings that only touch stay two. The diagonal counts the code's own places.
explain-segment = Speaker turns or chat messages holding both codes, counted within each coder's own codings and summed over coders. The diagonal counts the turns or messages holding the code.
explain-pooled = Coders pooled: codings of all selected coders are taken together, so one coder's code meeting another coder's counts too (this mostly measures where coders disagree).
explain-timeline = Codings sharing at least one character with the chat messages sent in the period (within the filters); a coding spanning messages of two periods counts in each. The period's dates are those of its row, cut to the filter's dates.
explain-and = Codings whose passage is coded with the second code: they share at least one character with a coding of it (themselves included).
explain-not = Codings whose passage is not coded with the second code: they share no character with any coding of it, so a coding of that code is never listed.
explain-near = Codings within N characters, or N turns or messages, of another coding of the second code.
explain-partners = The second code's codings are taken from the same coder as each listed coding, and from the same documents, cases, attributes and dates.
explain-codebook = Codings of this code (not its sub-codes unless folded) by every coder, in every document. Tables count less: only codings in a case's text (the crosstab), or places (co-occurrence), within the filters.

## Analysis: tables

filter-title = Filter
filter-title-on = Filter (on)
tables-cooccurrence = Co-occurrence
tables-crosstab = Code × case/attribute
tables-timeline = Over time
tables-with-subcodes = count sub-codes
tables-by-overlap = overlapping text
tables-by-segment = same turn/message
tables-pool-coders = pool coders
tables-per-case = per case
tables-per-attribute = per { $attribute }
tables-counts = counts
tables-coverage = coverage %
tables-interviewer = interviewer's turns too
tables-interviewer-hover = Count the interviewer's turns as the case's text (by default an interview's case's text is the participant's own turns)
tables-per-month = per month
tables-per-week = per week
tables-compute = Compute
tables-save-csv = Save as CSV…
tables-save-chart = Save as chart…
tables-save-chart-hover = The heatmap with its bars, as PNG (for Word) or SVG (for print and editing)
tables-chart-cooccurrence = Codes meeting codes
tables-chart-coverage = Coverage of each column's text by code (%)
tables-chart-crosstab = Codings by code and column
tables-chart-timeline = Codings by code over time
tables-nothing = Nothing to show: no codes or no columns.
tables-bars-places-pooled = Places coded (coders pooled)
tables-bars-places = Places coded (summed over coders)
tables-bars-coverage = Coverage of all text (%)
tables-bars-codings = Codings
tables-bars-per-period = Codings per period
tables-unattributed = { $count ->
    [one] { $count } coding shares no text with a case's text and is not counted.
   *[other] { $count } codings share no text with a case's text and are not counted.
}
tables-periods = Periods: { $periods }
tables-period = { $label } = { $start } to { $end }
tables-period-separator = {"; "}
tables-shows-cooccurrence-pooled = Places where two codes meet, all selected coders' codings pooled (hover for the definition)
tables-shows-cooccurrence = Places where two codes meet within each coder's own codings, summed over coders (hover for the definition)
tables-shows-coverage = Share of each column's own text the code covers (hover for the definition)
tables-shows-crosstab = Codings in each column's text; each coder's coding counts (hover for the definition)
tables-shows-timeline = Codings per period by the time of their chat messages (hover for the definition)

## Analysis: coded retrieval

retrieval-choose-code = choose a code to retrieve
retrieval-choose-second = choose the second code
retrieval-code = Code
retrieval-with-subcodes = with sub-codes
retrieval-combine-none = No second code
retrieval-combine-and = overlapping
retrieval-combine-not = not overlapping
retrieval-combine-near-chars = within N characters of
retrieval-combine-near-turns = within N turns of
retrieval-retrieve = Retrieve
retrieval-query = Or write a query:
retrieval-query-hover = Codes joined by AND, with alternatives in parentheses joined by OR: the first term is retrieved, each later one must hold for its passage. NOT B: not coded B. NEAR 50 B: within 50 characters of B; NEAR 2 TURNS B: within 2 turns or messages. A * after a name takes its sub-codes; quote a name holding a keyword. When written, the query takes the place of the code and the combination above. Press Enter to retrieve.
retrieval-query-hint = Identity* AND (Emotional arousal OR NOT Stigma)
retrieval-saved = Saved queries
retrieval-save-as-hint = Name to save it under
retrieval-save-query = Save the query
retrieval-save-query-hover = Keep this query in the project under its name, for you and your team to run again
retrieval-forget-query = Forget the saved query
retrieval-count = { $count ->
    [one] { $count } excerpt
   *[other] { $count } excerpts
}
retrieval-export = Export…
retrieval-export-hover = Write these excerpts as CSV, XLSX, HTML, Markdown or DOCX
retrieval-speaker = { $speaker }:{" "}
retrieval-excerpt-head = { $document } · { $code } · coded by { $coder }
    { $speaker }
retrieval-first-shown = The first { $shown } of { $total } excerpts are shown; Export… writes them all.

## Analysis: the filter shared by retrieval and tables

filter-op-is = is
filter-op-at-least = is at least
filter-op-at-most = is at most
filter-op-between = is between
filter-set-all = { $title }: all
filter-set-some = { $title }: { $count }
filter-all = All
filter-documents = Documents
filter-cases = Cases
filter-coders = Coders
filter-attributes = Attributes
filter-attributes-hint = region=Shandong; age=40..50
filter-attributes-hover = name=value (several values: a,b; a range: 40..50), conditions separated by ;
    Attributes: { $names }
filter-sent = Messages sent
filter-from = from
filter-until = until
filter-coded = Coded
filter-add-condition = Add a condition
filter-attribute = attribute
filter-value = value
filter-and = and
filter-add = Add
filter-add-hover = Add this condition to the conditions above

## Analysis: the panel and its search tab

analysis-title = Analysis
analysis-window-title = Analysis — Margin
analysis-tab-search = Search
analysis-tab-retrieval = Coded retrieval
analysis-tab-tables = Tables
analysis-tab-summaries = Summary grid
analysis-dock-below = Below the transcript
analysis-dock-beside = Beside the transcript
analysis-dock-window = In its own window
analysis-dock-hover = Where the analysis panel sits
analysis-close = Close the analysis panel
analysis-choose-code = (choose a code)
analysis-code-filter-hint = type to filter
analysis-no-code-matches = No code has these letters.
analysis-show-in-transcript = Show in the transcript
search-find = Find
search-hint = words, or a regular expression
search-find-all = Find all
search-plain = Plain text
search-word = Whole word
search-regex = Regular expression
search-ignore-case = Ignore case
search-hits = { $count ->
    [one] { $count } hit
   *[other] { $count } hits
}
search-whole-segment = Whole turn/message
search-code-all = Code all hits
search-code-all-hover = Code every hit with the chosen code (one step to undo)

## The built-in file picker (and the titles of the system's file dialogs)

picker-filter-importable = Transcripts, chat logs and documents
picker-filter-all = All files
picker-filter-qdpx = REFI-QDA project
picker-filter-xlsx = Excel workbook
picker-filter-html = HTML report
picker-filter-docx = Word document
picker-title-new-project = New project: the folder it goes in
picker-title-open = Open a Margin project folder
picker-title-qdpx = Open a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA or QualCoder
picker-title-import = Import files
picker-title-merge = Merge another copy of this project
picker-title-export = Export the retrieved excerpts
picker-title-table = Save the table as CSV
picker-title-chart = Save the table as a chart
picker-home = Home
picker-cannot-open-folder = Cannot open the folder { $path }: { $error }
picker-is-folder = { $path } is a folder: choose files in it.
picker-no-file = There is no file { $path }.
picker-choose-file = Choose a file, or type its path.
picker-no-folder = There is no folder { $path }.
picker-type-name = Type a name.
picker-cannot-write = { $path } cannot be written.
picker-replace = { $path } exists. Press Save again to replace it.
picker-exists = { $path } exists already: type another name.
picker-up = ⬆ Up
picker-up-hover = The folder above (Alt+Up)
picker-places = Places
picker-nothing = Nothing here matches.
picker-name = Name
picker-path = Path
picker-path-hint = Type a name or a path, then Enter
picker-path-label = File path
picker-hidden = Hidden files
picker-import = Import
picker-open = Open
picker-save = Save
dialog-cancel = Cancel

## Dialogs: who is coding, a new project, merging a code, a shortcut key, reports

dialog-close = Close
coder-title = Who is coding?
coder-explain = Your name is stored with every coding you make, so that two coders can compare their work.
coder-hint = Your name
coder-label = Coder name
coder-start = Start coding
coder-later = Later
new-project-title = New project
new-project-default-name = My study
new-project-imported-name = Imported study
new-project-explain = A project is a folder: the documents, the codebook and every coding live in it, as plain files.
new-project-from-qdpx = Made from { $path }. The new project is a folder: the documents, the codebook and every coding live in it, as plain files.
new-project-name = Name
new-project-name-label = Project name
new-project-folder = In folder
new-project-folder-label = Folder of the new project
new-project-browse = Browse…
new-project-creates = Creates { $path }
new-project-create = Create
new-project-no-name = Give the project a name.
new-project-bad-name = “{ $name }” cannot be a folder name: leave out / and \.
new-project-not-empty = { $path } exists and is not empty: choose another name.
new-project-exists = { $path } exists already.
merge-title = Merge code
merge-explain = Move every coding of “{ $code }” and its sub-codes to the code you choose, then remove “{ $code }”. Undo with Ctrl+Z.
merge-filter-label = Filter codes to merge into
shortcut-title = Shortcut key
shortcut-explain = Press the key that codes the selection with “{ $code }”: a digit or a letter. Backspace clears it, Esc cancels.



## The transcript: go to a message or time

goto-no-document = no document is open
goto-how = type a message number (#120), a day (2024-05-03, 6月20日, 6/20), a time (08:15) or both
goto-nothing = nothing at { $input }

## The transcript

transcript-choose = Choose a document on the left to start reading.
transcript-blind = Blind mode: only { $coder }'s codings are shown.
transcript-side-by-side = Side by side:
transcript-kind-interview = interview
transcript-kind-chat = chat log
transcript-kind-notes = notes
transcript-case = case { $case }
transcript-messages = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
transcript-turns = { $count ->
    [one] { $count } turn
   *[other] { $count } turns
}
transcript-all-coders = all coders
transcript-codings-of = Codings of { $coder }
transcript-codings-of-label = Show the codings of
transcript-goto = Go to…
transcript-goto-hover = Go to a message number or a time (Ctrl+G)
transcript-find = Find…
transcript-find-hover = Find in this document (Ctrl+F)
transcript-label = Transcript of { $document }
transcript-drop = Drop on a code to code “{ $text }”
transcript-code-with = Code with…
transcript-copy = Copy
transcript-copy-attribution = Copy with attribution
transcript-copy-attribution-hover = The quote with who said it, the document and the time
transcript-select-first = Select some text first.
transcript-system-notice = system notice
transcript-recalled = recalled
transcript-click-coding = Click to select a coding
transcript-did-not-code = did not code it
transcript-coded-chars = coded { $chars } characters
transcript-version = { $coder }: { $what }
transcript-click-review = Click to review it
find-hint = words in this document
find-label = Find in document
find-none = no matches
find-count = { $count ->
    [one] { $count } match
   *[other] { $count } matches
}
find-position = { $n } of { $total }
find-position-more = { $n } of { $total }+
find-previous = Previous
find-previous-hover = Previous match (Shift+Enter)
find-previous-label = Previous match
find-next = Next
find-next-hover = Next match (Enter)
find-next-label = Next match
find-close-hover = Close the find bar (Esc)
goto-title = Go to
goto-hint = #120, 2024-05-03 08:15, 6月20日, 6/20, 08:15
goto-label = Go to message or time
goto-go = Go

## Texts changed outside Margin

reanchor-title = Texts changed outside Margin
reanchor-explain = The text of { $documents } was changed by another program. Margin found { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} and { $segments ->
    [one] { $segments } turn or message
   *[other] { $segments } turns or messages
} again at their new places.
reanchor-coding-moves = { $document }: coding { $from_start }..{ $from_end } moves to { $to_start }..{ $to_end }
reanchor-segment-moves = { $document }: { $speaker } { $from_start }..{ $from_end } moves to { $to_start }..{ $to_end }
reanchor-ask = Save the new places, or close the project and leave its files as they are.
reanchor-save = Save the new places
reanchor-close = Close the project

## Settings

config-unreadable = { $path }:{ $line }:{ $column }: settings could not be read ({ $error }); using defaults
config-unreadable-io = { $path }: { $error }; using default settings
config-unwritable = settings could not be written: { $error }



## Commands: menu entries, shortcuts in Help, and the undo history

cmd-new-project = New project…
cmd-open-project = Open project…
cmd-choose-folder = Choose a folder…
cmd-open-qdpx = Open a .qdpx from NVivo / ATLAS.ti / MAXQDA / QualCoder…
cmd-import-qdpx = Import { $path }
cmd-new-project-in = New project in { $path }
cmd-open = Open { $path }
cmd-create = Create { $path }
cmd-open-sample = Open the sample project
cmd-import-dialog = Import files…
cmd-import-files = { $count ->
    [one] Import a file
   *[other] Import { $count } files
}
cmd-save = Save
cmd-quit = Quit
cmd-undo = Undo
cmd-redo = Redo
cmd-open-document = Open document
cmd-find = Find in document…
cmd-goto = Go to message or time…
cmd-theme-system = Follow the system theme
cmd-theme-light = Light theme
cmd-theme-dark = Dark theme
cmd-text-bigger = Larger text
cmd-text-smaller = Smaller text
cmd-shortcuts = Keyboard shortcuts
cmd-how-to = How to code, compare and export
cmd-ask-coder = Change coder…
cmd-set-coder = Set coder
cmd-code-selection = Code selection
cmd-in-vivo = In-vivo code
cmd-select-segment = Select turn or message
cmd-remove-coding = Remove coding
cmd-select-coding = Select coding
cmd-select-code = Select code
cmd-change-coding-code = Change code of coding
cmd-adjust-coding = Adjust coding
cmd-coding-memo = Edit coding memo
cmd-create-code = New code
cmd-rename-code = Rename code
cmd-recolor-code = Recolour code
cmd-describe-code = Describe code
cmd-code-shortcut = Set code shortcut
cmd-move-code = Move code
cmd-merge-codes = Merge codes
cmd-delete-code = Delete code
cmd-memo = Edit memo
cmd-show-analysis = { $tab }…
cmd-jump-to = Show in the transcript
cmd-autocode = Code all hits
cmd-export-excerpts = Export excerpts…
cmd-export-table = Save table as CSV…
cmd-start-rename = Rename…
cmd-start-merge = Merge into…
cmd-start-shortcut = Set shortcut…
cmd-review = Team review
cmd-blind = Blind coding (hide other coders)
cmd-show-passage = Show passage
cmd-review-passage = Review passage
cmd-notify = Message
cmd-merge-dialog = Merge another copy…
cmd-merge-project = Merge { $path }
cmd-language = Language

## The app: notices, menus, the status bar, the welcome screen

menu-project = Project
menu-open-recent = Open recent
menu-no-recent = No recent projects
menu-edit = Edit
menu-undo-what = { $command } { $what }
menu-analysis = Analysis
menu-view = View
menu-help = Help
status-nobody = nobody (click to set)
status-coding-as = Coding as { $coder }
status-change-coder = Change who is coding
status-saved = All changes saved
status-pending = Unsaved changes
status-saving = Saving…
status-save-failed = Saving failed: { $error }
status-read-only = Read-only: { $reason }
status-no-project = No project open
status-selected = { $count ->
    [one] { $count } character selected
   *[other] { $count } characters selected
}
welcome-tagline = Hand-coding of interviews and chat logs
welcome-new = New project…
welcome-open = Open project…
welcome-sample = Open the sample
welcome-path-hint = …or type a project folder
welcome-path-label = Project folder
welcome-open-path = Open
welcome-recent = Recent projects
window-title = { $project } — Margin
notice-dismiss = Dismiss
notice-close-unsaved = the project could not be saved before closing: { $error }
notice-open-failed = Could not open { $path }: { $error }
notice-no-sample = This build of Margin carries no sample project.
notice-no-data-folder = There is no folder for application data to copy the sample into.
notice-sample-copy = This is your own copy of the sample study, in { $path }; the original is left as it is.
notice-created = Created { $path }. Import files to begin (Project › Import files…, or drop them on the window).
notice-create-failed = Could not create a project at { $path }: { $error }
report-offsets = How offsets were read
report-adjusted = Adjusted to fit Margin
report-skipped = Not imported
report-qdpx-title = Opened { $path } as a new project
report-qdpx-summary = Imported { $summary }. The project is in { $path }.
notice-read-only = Opened read-only: { $reason }. Changes cannot be saved.
notice-migrated = The project was written by an older Margin (format { $version }); it is upgraded as you save.
notice-dialog-failed = The system's file dialog could not start ({ $error }); this is Margin's own.
notice-dialog-missing = The system's file dialog did not open (it needs xdg-desktop-portal or zenity).
notice-dialog-fallback = The system's file dialog did not open here; this is Margin's own.
notice-dialog-stopped = The file dialog stopped without an answer.
notice-import-no-project = Open or create a project first, then import files into it.
notice-saved = Saved.
notice-save-failed = Could not save: { $error }
notice-merge-no-project = Open a project first, then merge another copy into it.
notice-merge-nothing = { $path } brings nothing new.
notice-select-first = Select some text first, then choose a code.
notice-select-in-vivo = Select the participant's words first, then make an in-vivo code.
notice-exported = { $count ->
    [one] Wrote { $count } excerpt to { $path }.
   *[other] Wrote { $count } excerpts to { $path }.
}
notice-export-failed = Could not export: { $error }
notice-table-saved = Saved the table to { $path }.
notice-table-failed = Could not save the table: { $error }
notice-no-project = Open a project first.
notice-deleted-code = Deleted “{ $code }” and its { $count ->
    [one] { $count } coding
   *[other] { $count } codings
}. Undo with Ctrl+Z.
notice-merged-codes = Merged “{ $from }” into “{ $into }”. Undo with Ctrl+Z.
notice-autocoded = Coded { $count ->
    [one] { $count } passage
   *[other] { $count } passages
} with “{ $code }”. Undo with Ctrl+Z.
notice-autocode-nothing = Every hit is already coded with that code.
notice-undid = Undid: { $label }
notice-redid = Redid: { $label }
notice-nothing-to-undo = Nothing to undo.
notice-nothing-to-redo = Nothing to redo.
notice-imported = { $count ->
    [one] Imported { $count } document. Undo with Ctrl+Z.
   *[other] Imported { $count } documents. Undo with Ctrl+Z.
}

cmd-merge-copy = Merge another copy

## Why a change was refused or failed (the session's errors)

error-no-coder = tell Margin who is coding first (Project menu, Change coder…)
error-empty-coder-name = the coder's name is empty
error-gone-document = that document no longer exists
error-gone-code = that code no longer exists
error-gone-coding = that coding no longer exists
error-empty-selection = select some text first
error-empty-name = a code needs a name
error-under-own-subcode = “{ $code }” cannot go under its own sub-code
error-merge-into-itself = a code cannot be merged into itself
error-merge-into-subcode = “{ $code }” cannot be merged into its own sub-code
error-read-only = The change is not possible: { $reason }
error-edit = the change was refused: { $error }
error-analysis = { $error }
error-import = could not import { $error }
error-store = { $error }
error-saver = { $error }







config-unwritable-file = { $path }: settings could not be written: { $error }
## Help ▸ About Margin

cmd-about = About Margin
about-title = About Margin
about-tagline = Margin: hand-coding of qualitative data (interview transcripts and chat logs).
about-version = Version
about-commit = Commit
about-licence = Licence
about-licence-choice = { $licences }, at your choice
about-or = {" or "}
about-font = Font
about-font-licence = Droid Sans Fallback, for Chinese text: Apache License 2.0
about-settings = Settings
about-logs = Log files
about-sample = Sample copy
about-no-folder = none (no home folder was found)
about-copy = Copy for a bug report
about-copied = Copied.


## Team sync (Project ▸ Team sync…, the status bar's Sync)

cmd-team-sync = Team sync…
cmd-sync = Sync now
cmd-sync-set-up = Set up sync with { $address }
cmd-sync-join = Copy the team's project from { $address }
cmd-take-incoming = Sync with the team
sync-title = Team sync
sync-explain = Share this project with your team through a git repository: a folder on a shared drive, or a repository on GitHub, GitLab or Gitea. Each sync saves your work, sends it, and brings in your teammates'. When two of you changed the same thing, both versions are kept and you are told; nothing is lost.
sync-this-project = This project
sync-set-up-with = Syncs with { $address }; last synced { $time }.
sync-set-up-with-never = Syncs with { $address }; not synced from this computer yet.
sync-not-set-up = Not shared yet. Give the address of the team's repository (an empty folder on a shared drive becomes one).
sync-address-hint = /mnt/shared/study.git  or  git@github.com:team/study.git
sync-address-label = Team repository address
sync-set-up = Set up and sync
sync-now = Sync now
sync-join = Join a teammate's project
sync-join-explain = Copy the project a teammate shares into a new folder on this computer, and open it.
sync-join-address = Address
sync-join-address-label = Address of the teammate's project
sync-join-folder = Put it in
sync-join-folder-label = Folder the copy goes in
sync-join-name = Folder name
sync-join-name-label = Name of the copy's folder
sync-join-go = Copy and open
sync-join-no-address = Give the address of the teammate's project.
sync-join-bad-name = Give the copy a folder name (without / or \).
sync-join-no-folder = { $path } is not a folder.
sync-join-not-empty = { $path } is not empty; choose another name.
sync-credentials = Signing in: SSH keys come from your SSH agent or ~/.ssh; HTTPS passwords from git's credential helper (git config --global credential.helper). Margin stores no password.
sync-button = ⟳ Sync
sync-button-hover = Send your changes to { $address } and bring in the team's
sync-status-not-set-up = Not shared
sync-status-not-set-up-hover = Team sync… shares this project with your team
sync-status-offline = Offline
sync-status-local = { $count ->
    [one] 1 change to send
   *[other] { $count } changes to send
}
sync-status-incoming = { $count ->
    [one] 1 change from the team
   *[other] { $count } changes from the team
}
sync-status-up-to-date = Up to date
sync-status-last = last sync { $time }
sync-work-fetching = Syncing: bringing in the team's changes…
sync-work-pushing = Syncing: sending your changes…
sync-work-cloning = Copying the team's project…
sync-kind-codings-added = { $count ->
    [one] 1 new coding
   *[other] { $count } new codings
}
sync-kind-codings-changed = { $count ->
    [one] 1 changed coding
   *[other] { $count } changed codings
}
sync-kind-codings-removed = { $count ->
    [one] 1 removed coding
   *[other] { $count } removed codings
}
sync-kind-codes-added = { $count ->
    [one] 1 new code
   *[other] { $count } new codes
}
sync-kind-codes-changed = { $count ->
    [one] 1 changed code
   *[other] { $count } changed codes
}
sync-kind-codes-removed = { $count ->
    [one] 1 removed code
   *[other] { $count } removed codes
}
sync-kind-memos = { $count ->
    [one] 1 memo
   *[other] { $count } memos
}
sync-kind-documents-added = { $count ->
    [one] 1 new document
   *[other] { $count } new documents
}
sync-kind-documents-changed = { $count ->
    [one] 1 changed document
   *[other] { $count } changed documents
}
sync-kind-other = { $count ->
    [one] 1 change to cases, attributes or coders
   *[other] { $count } changes to cases, attributes or coders
}
sync-kind-nothing = no changes
sync-done = Synced with the team.
sync-nothing-came-in = Nothing new from the team.
sync-came-in = Came in: { $what }.
sync-came-in-coder = { $coder }: { $count ->
    [one] 1 new or changed coding
   *[other] { $count } new or changed codings
} in { $documents ->
    [one] 1 document
   *[other] { $documents } documents
}
sync-sent = Your changes were sent.
sync-report-title = Synced with the team
sync-kept-both = Changed on both sides: both versions kept
sync-restored = Brought back because kept work uses it
sync-already = A sync is already running.
sync-who = Say who is coding first: a sync records your changes under your name.
sync-joined = Copied the team's project into { $path }. Sync with Ctrl+Shift+S.
sync-join-failed = Could not copy the team's project into { $path }: { $error }
sync-failed = Sync failed: { $error }
sync-error-not-set-up = this project is not set up to sync yet (Project ▸ Team sync…).
sync-error-no-remote = the project has no remote named “{ $remote }” (Project ▸ Team sync… sets one up).
sync-error-auth = the team's repository refused the sign-in ({ $detail }). Check your SSH key or your git credential helper.
sync-error-unreachable = the team's repository cannot be reached ({ $detail }). Your work is saved; sync again when you are back online.
sync-error-git = { $doing }: { $detail }
sync-error-refused = { $remote } refused your changes: { $reason }
sync-error-kept-moving = the team's repository kept changing while syncing; sync again in a moment.
sync-error-unreadable = the version { $commit } in the project's history cannot be read: { $error }
sync-error-io = { $path }: { $error }
sync-error-merge = the team's changes could not be merged: { $error }
sync-login-title = Sign in to the team's repository
sync-login-explain = { $address } asks for a user name and a password. GitHub, GitLab and Gitee want an access token here instead of your password.
sync-login-user = User name
sync-login-secret = Password or access token
sync-login-keep = Keep it with git's credential helper (where this computer keeps passwords)
sync-login-go = Sign in and sync
sync-login-not-kept = The sign-in is kept only until Margin closes: { $reason }
sync-error-needs-login = { $address } asks for a sign-in.
sync-login-user-label = User name for the team's repository
sync-login-secret-label = Password or access token for the team's repository

## Exemplars and translations (the paper)

cmd-mark-exemplar = Mark as exemplar
cmd-unmark-exemplar = Unmark exemplar
cmd-exemplar = Exemplar
cmd-translation = Edit translation
cmd-save-query = Save the query “{ $name }”
cmd-save-query-step = Save a query
inspector-exemplar = ★ Exemplar of its code
inspector-exemplar-hover = Exemplars come first in every export and report of this code.
inspector-translation = Translation of the quote (e.g. its English, for the paper)
inspector-translation-note = Note on the translation (translator, a choice of words)
retrieval-mark-exemplar = Mark as an exemplar of its code (exemplars come first in exports)
retrieval-unmark-exemplar = An exemplar of its code: click to unmark
## Documents, memos, exports

menu-document = Document
menu-document-none = Open a document first
cmd-rename-document = Rename document
cmd-delete-document = Delete document
cmd-document-kind = Change document kind
cmd-document-case = Change document case
cmd-import-codebook = Import codebook…
cmd-export = Export…
cmd-project-memo = Project memo…
cmd-memos = Memos…
cmd-open-memo-target = Open what the memo is about
cmd-retrieve-cell = Show the excerpts behind a table cell
document-menu-rename = Rename…
document-menu-properties = Properties and memo…
document-menu-kind = Kind
document-menu-case = Case
document-menu-delete = Delete…
document-kind-interview = Interview
document-kind-chat = Chat log
document-kind-notes = Notes
document-no-case = No case
document-rename-title = Rename document
document-rename-label = Document name
document-rename-ok = Rename
document-delete-title = Delete “{ $name }”?
document-delete-explain = { $codings ->
    [0] It has no codings.
    [one] Its { $codings } coding goes with it
   *[other] Its { $codings } codings go with it
}{ $codings ->
    [0] {""}
   *[other] { $coders ->
        [one] {" "}(by { $coders } coder).
       *[other] {" "}(by { $coders } coders).
    }
}{ $memos ->
    [0] {""}
    [one] {" "}So does { $memos } memo.
   *[other] {" "}So do { $memos } memos.
} You can undo this with Ctrl+Z.
document-delete-ok = Delete
document-properties-title = { $name }: properties
document-prop-name = Name
document-prop-kind = Kind
document-prop-case = Case
document-prop-source = Source file
document-prop-source-value = { $file } ({ $format }, { $encoding })
document-prop-no-source = not recorded
document-prop-imported = Imported
document-prop-characters = Characters
document-prop-count = { $count }
document-prop-segments = Turns and messages
document-prop-turns-value = { $turns } speaker turns{ $messages ->
    [0] {""}
   *[other] , { $messages } messages
}
document-prop-messages-value = { $messages } messages, { $notices } system notices
document-prop-codings = Codings
document-prop-codings-value = { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} by { $coders ->
    [one] { $coders } coder
   *[other] { $coders } coders
}, { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
}
document-prop-hash = Text hash (SHA-256)
document-prop-hash-hover = The fingerprint of the text as coded; margin check compares it with the .txt file on disk.
document-prop-memo = Document memo
document-prop-memo-hint = What this document is, how it was collected, what to watch for…
document-prop-memo-save = Save memo
memos-title = Memos
memos-kind-project = Project
memos-kind-document = Document
memos-kind-code = Code
memos-kind-coding = Coding
memos-kind-summary = Summary
memos-kind-count = { $kind } ({ $count })
memos-search-hint = Search memos
memos-search-label = Search the memos
memos-project-memo = Project memo…
memos-export = Export…
memos-shown = { $shown } of { $total } memos
memos-none = No memo matches.
memos-open-hover = Open what this memo is about
memos-comment = comment
memos-by = by { $author }
memos-byline-separator = {" · "}
project-memo-title = Project memo
project-memo-explain = Notes on the whole study: research questions, decisions, the codebook's history.
project-memo-save = Save memo
export-title = Export
export-what-excerpts = Coded excerpts
export-what-codebook = Codebook
export-what-memos = All memos
export-what-project = The whole project, for NVivo, ATLAS.ti, MAXQDA or QualCoder (REFI-QDA .qdpx)
export-format-csv-excel = CSV for Excel
export-format-qdc = REFI-QDA codebook (.qdc)
export-with-retrieval = Only what the retrieval tab selects
export-all-excerpts = Every coded excerpt of the project.
export-every-code = every code
export-code-with-subcodes = { $code } with its sub-codes
export-retrieval-filtered = Excerpts of { $code }, narrowed by the retrieval tab's filters.
export-retrieval-unfiltered = Excerpts of { $code } (the retrieval tab sets no filter).
export-project-explain = Documents, codebook, codings, cases, coders and memos, as the REFI-QDA standard carries them.
export-choose-file = Export to a file…
export-import-codebook = Import a codebook…
export-done-codebook = Wrote { $count } codes to { $path }.
export-done-memos = Wrote { $count } memos to { $path }.
export-done-qdpx = Wrote { $path }: { $documents } documents, { $codes } codes, { $codings } codings, { $memos } memos.
export-done-qdpx-not-carried = { $said } REFI-QDA has no place for: { $what }.
picker-title-export-as = Export to
picker-title-codebook = Import a codebook (REFI-QDA .qdc or CSV)
picker-filter-codebook = Codebooks (.qdc, .csv)
codebook-import-title = Import the codebook { $file }
codebook-import-summary = { $added ->
    [one] { $added } new code
   *[other] { $added } new codes
}, { $described ->
    [one] { $described } existing code takes the file's description
   *[other] { $described } existing codes take the file's description
}, { $unchanged ->
    [one] { $unchanged } is already in the codebook.
   *[other] { $unchanged } are already in the codebook.
}
codebook-import-added = Added
codebook-import-described = Description added
codebook-import-ok = Import
notice-codebook-failed = Could not read the codebook: { $error }
notice-codebook-imported = Added { $added ->
    [one] { $added } code
   *[other] { $added } codes
} and described { $described }. Undo with Ctrl+Z.
notice-deleted-document = Deleted “{ $name }” with { $codings ->
    [one] { $codings } coding
   *[other] { $codings } codings
} and { $memos ->
    [one] { $memos } memo
   *[other] { $memos } memos
}. Undo with Ctrl+Z.
tables-click-cell = Click a cell to read its excerpts in the retrieval tab.
tables-heatmap-label = Heatmap (click a cell to read its excerpts)
## Import options, cases, snapping
cmd-cases = Cases and attributes…
cmd-add-case = New case
cmd-rename-case = Rename case
cmd-delete-case = Delete case
cmd-add-attribute = New attribute
cmd-rename-attribute = Rename attribute
cmd-delete-attribute = Delete attribute
cmd-set-attribute-value = Set attribute value
cmd-import-attribute-table = Import attribute table
error-empty-case-name = A case or an attribute needs a name.
error-name-taken = “{ $name }” is already taken.
error-gone-case = That case or attribute no longer exists.
picker-title-pseudonyms = Choose a pseudonym map
picker-title-attributes = Choose an attribute table
picker-filter-attributes = Tables (CSV, XLSX)
import-title = { $count ->
    [one] Import { $count } file
   *[other] Import { $count } files
}
import-kind = Kind
import-kind-auto = Decided by each file
import-kind-interview = Interview
import-kind-chat = Chat
import-kind-notes = Notes
import-case = Case
import-case-hint = none
import-case-label = The case the documents belong to
import-case-existing = Existing cases
import-senders-as-cases = Make a case of every sender or speaker (chats)
import-autocode = Code the turns of
import-speaker-hint = speaker
import-speaker-label = The speaker whose turns are coded
import-with-code = with the code
import-code-hint = code (made if new)
import-code-label = The code for the speaker's turns
import-pseudonyms = Pseudonym map
import-pseudonyms-hint = CSV: real,pseudonym — kept outside the project
import-pseudonyms-label = The pseudonym map
import-pseudonyms-explain = Names in the map are replaced in the texts, speakers, senders and document names before anything is stored; you see the replacements first.
import-read = Read the files
import-read-preview = Read and preview
import-reading = Reading the files… The window stays usable.
import-progress-label = Import progress
import-progress = { $done } of { $files } files · { $read } of { $total } MB
import-stop = Stop
import-stopping = Stopping after the file being read…
import-cancelled = Stopped: nothing was added to the project.
import-thread-failed = The import could not start: { $error }
import-thread-stopped = The import stopped unexpectedly; nothing was added.
import-map-unreadable = The pseudonym map cannot be used: { $error }
import-preview-replacements = Replacements the pseudonym map makes
import-preview-not-stored = Nothing is stored yet: check the names, then add.
import-no-replacements = No name of the map occurs in these files.
import-times = { $count ->
    [one] { $count } time
   *[other] { $count } times
}
import-preview-size = { $characters } characters, { $segments } turns or messages
import-refused = not imported
import-new-cases = New cases: { $cases }
import-new-code = New code: { $code }
import-will-code = { $count } turns or messages will be coded.
import-no-speaker = No file has the speaker “{ $speaker }” (speakers found: { $found }).
import-code-needed = Name the code for the speaker's turns.
import-add = Add to project
import-back = Back to the options
import-busy = An import is already running; wait for it or stop it.
import-report-title = { $count ->
    [one] Imported { $count } document
   *[other] Imported { $count } documents
}
import-report-summary = { $count ->
    [one] { $count } document added as one step (Ctrl+Z undoes it); { $replacements } replacements of { $names } names.
   *[other] { $count } documents added as one step (Ctrl+Z undoes it); { $replacements } replacements of { $names } names.
}
import-report-summary-plain = { $count ->
    [one] { $count } document added as one step (Ctrl+Z undoes it).
   *[other] { $count } documents added as one step (Ctrl+Z undoes it).
}
import-report-documents = Documents
import-report-document = { $file }, as “{ $name }”: { $kind }, { $characters } characters, { $segments } turns or messages
import-report-replacements = Pseudonyms applied
import-replacement = { $real } becomes { $pseudonym } ({ $count })
import-real-name = Name in the files
import-pseudonym = Stored as
import-occurrences = Occurrences
import-report-placed = Cases and codes
import-coded = { $count } turns or messages of “{ $speaker }” coded with “{ $code }”
import-report-refused-heading = Not imported
import-report-refused = { $file }: { $error }
cases-title = Cases and attributes
cases-explain = Click a value to edit it (Enter keeps it, Escape drops it); right-click a case or an attribute to rename or delete it. Every change can be undone.
cases-new-case-hint = new case
cases-new-case-label = Name of the new case
cases-add-case = Add case
cases-new-attribute-hint = new attribute
cases-new-attribute-label = Name of the new attribute
cases-add-attribute = Add attribute
cases-import-table = Import a table…
cases-kind-number = number
cases-kind-text = text
cases-kind-date = date
cases-kind-category = category
cases-case = Case
cases-documents = Documents
cases-empty = No cases yet: add one, or import a table of participants (CSV or XLSX, one row per case).
cases-right-click = Right-click to rename or delete (F2 renames)
cases-rename = Rename…
cases-rename-label = New name
cases-delete-case = Delete case (its documents stay)
cases-delete-attribute = Delete attribute and its values
cases-click-to-edit = Click to edit
cases-not-number = “{ $text }” is not a number ({ $attribute }).
cases-not-date = “{ $text }” is not a date like 2024-05-03 ({ $attribute }).
cases-no-documents = no documents
cases-assign-explain = Click a document to put it in this case (or take it out).
cases-table-title = Attribute table { $file }
cases-table-matched = Rows matching existing cases ({ $count }): { $cases }
cases-table-created = Rows that make new cases ({ $count }): { $cases }
cases-table-none = none
cases-table-attribute = Column { $name }: { $kind }
cases-table-new-attribute = Column { $name }: { $kind }, new attribute
cases-table-import = Import
cases-documents-of = Documents of { $case }
cmd-snap-words = Select whole words
snap-explain = A selection dragged with the mouse takes whole words (in Chinese, whole characters; an emoji stays whole). Hold Alt while dragging to select exactly.
import-map-in-project = The pseudonym map { $path } is inside the project folder: it holds the real names, so keep it outside the project (and out of its shared copies).
import-format = Format
import-encoding = Encoding
import-detected = detected
import-in-the-text = As stored
export-what-matrix = Quotes by code and group (quote matrix: codes × an attribute's values)
export-matrix-by = Columns:
export-matrix-by-cases = one per case
export-matrix-bin = Bands of
export-quotes = Quotes:
export-quotes-both = original and translation
export-quotes-original = original
export-quotes-translation = translation
export-done-matrix = Wrote the quotes of { $codes } codes in { $columns } columns to { $path }.
export-what-grid = Summary grid (cases × codes, with your summaries)
export-what-report = The paper report (methods, codebook, exemplar quotes, summary grid, tables, agreement)
export-report-explain = One document for the paper, in English: a methods paragraph stating what was coded, by whom and how well the coders agreed; the codebook with definitions and counts; the exemplar quotes with their translations; the summary grid; the code × case table; the agreement per code.
export-done-report = Wrote the report ({ $codes } codes, { $exemplars } exemplar quotes, { $summaries } summaries) to { $path }.
export-grid-by = Group the cases by:
export-done-grid = Wrote the summary grid of { $cases } cases and { $codes } codes to { $path }.

## The summary grid tab
grid-rows-cases = Rows: every case
grid-rows-by = Rows: cases by { $attribute }
grid-export = Export the grid…
grid-export-hover = Write the grid with its summaries as Word, Excel, HTML or Markdown
grid-empty = No case has codings or summaries yet. Put documents in cases (the case sheet) and code them.
grid-hint = Each cell: how many codings, then the start of its summary. Click a cell to read its quotes and write its summary.
grid-cell-title = { $case } × { $code }
grid-your-summary = Your summary of this cell:
grid-summary-hint = What does this case say about this code? Saved when you leave the field.
grid-summary-by = Summary by { $coder }:
grid-unknown-author = an unknown coder
grid-quotes = { $count ->
    [one] 1 quote
   *[other] { $count } quotes
}
grid-open-quote = Open in the transcript
document-menu-export-html = Export coded (HTML)…
document-menu-export-docx = Export coded (Word)…
export-done-document = Wrote the document with its { $count } codings to { $path }.

## Recordings (issue 20)
cmd-document-media = Link recording
cmd-media = Recording
picker-title-media = Link a recording
picker-filter-media = Recordings (mp3, m4a, wav, ogg, flac, mp4)
player-missing = The recording { $path } is missing (looked for { $looked }). It may have been moved or renamed: locate it again.
player-locate = Locate…
player-none = This document has no recording linked.
player-no-time = This passage has no time in the recording (its turn has no timestamp).
player-no-output-test = no sound output (test)
player-no-output = No sound is played here ({ $why }); the position, the marked turn and the follow mode still work.
player-play = ▶ Play
player-pause = ⏸ Pause
player-play-hover = Play or pause the recording (click a turn's time, or Alt+click in its text, to play from there)
player-back = −3 s
player-forward = +3 s
player-speed-hover = Playback speed (the pitch changes with the speed)
player-follow = Follow
player-follow-hover = Keep the turn being played in view; scrolling yourself turns this off
player-position = Position in the recording
player-waveform-pending = Reading the recording for its waveform…
player-linked = Linked the recording { $path }.
player-link-failed = Cannot link the recording: { $error }
document-prop-recording = Recording
document-recording-link = Link a recording…
document-recording-change = Locate or change…
document-recording-unlink = Unlink
inspector-coding-time = In the recording: { $from }–{ $to }
inspector-play-coding = ▶ Play this coding
import-media = Recording
import-media-hint = the transcript's recording (optional; one file imported)
import-media-label = The recording of the transcript
import-media-one = A recording goes with one transcript: import the files one at a time to link each one's recording.
player-browse = Browse…
cmd-transcribe = Transcribe
player-transcribe = Transcribe
player-transcribe-hover = Type the transcript while the recording plays; keys play, pause, go back and insert the time and a speaker's label
transcription-interviewer = Interviewer
transcription-keys = { $play }: play or pause · { $rewind }: back { $seconds } s · { $stamp }: insert the time · { $speaker }: insert the next speaker. A line “[00:12:03] Name: …” becomes a turn.
transcription-hint = [00:00:05] Interviewer: …
transcription-done = Done
transcription-unsaved = (stored when you pause typing)
transcription-coded = This document already has codings; its text is not transcribed again.

## Editing text (issue 16)
cmd-edit-text = Edit text
cmd-replace-all = Replace all
cmd-replace-name = Replace a name everywhere
cmd-find-replace = Find and replace…
cmd-replace-name-dialog = Replace a name everywhere…
edit-mode-explain = Change the document's text in place. Codings, turns and messages follow the text; coding is off until you leave edit mode.
edit-mode-on = ✏ Editing the text. Codings follow every change; coding is off.
edit-mode-leave = Done editing
edit-click-a-row = Click a turn, message or paragraph to edit its text.
edit-row-title = Editing { $what }
edit-row-turn = turn or message { $n } ({ $speaker })
edit-row-paragraph = the paragraph at character { $start }
edit-coding-off = Coding is off while you edit the text (Document › Edit text).
notice-codings-removed = { $count ->
    [one] { $count } coding lost its whole text and was removed.
   *[other] { $count } codings lost their whole text and were removed.
} Undo with Ctrl+Z gives { $count ->
    [one] it
   *[other] them
} back.
notice-replaced = { $count ->
    [one] Replaced { $count } time.
   *[other] Replaced { $count } times.
} Undo with Ctrl+Z.
replace-title = Find and replace
replace-find = Find
replace-with = Replace with
replace-whole-word = Whole word
replace-regex = Regular expression
replace-regex-groups = In the replacement, $1, $2 … put back what the groups in ( ) matched; $$ is a dollar sign.
replace-scope-document = This document
replace-scope-all = All documents
replace-preview = { $count ->
    [one] { $count } match
   *[other] { $count } matches
} in { $documents ->
    [one] { $documents } document
   *[other] { $documents } documents
}.
replace-skipped = { $count ->
    [one] { $count } match crosses
   *[other] { $count } matches cross
} the start or end of a turn or message, or its label, and will be left as it is.
replace-none = No matches.
replace-button = Replace all
name-title = Replace a name everywhere
name-name = Name
name-map = Pseudonym map (CSV)
name-load-forms = Take the forms from the map
name-map-unknown = The pseudonym map does not have “{ $name }”.
name-forms = Other forms (one per line)
name-with = Replace with
name-preview-document = { $name }
name-preview-memo = Memo “{ $title }”
name-preview-notes = Notes and translations of codings
name-preview-case = Case “{ $name }”
name-total = { $count } replacements in all, in the texts, names, speakers, memos and notes: one step that Undo takes back.
name-button = Replace everywhere
document-prop-hash-edited = The text was edited; its new hash is written when it is saved.
document-prop-edits = Edited in Margin
document-prop-edit = { $when } by { $who }: { $removed } characters removed, { $inserted } inserted
