# Margin 窗口的简体中文文本。每个消息 id 都对应 src/ui/ 中的一处 `tr!`；英文文件
# (../en/margin.ftl) 含有相同的 id。术语对照：../glossary.tsv。

## 日期

date = { $year }年{ $month }月{ $day }日
date-weekday = { $date } { $weekday ->
    [1] 星期一
    [2] 星期二
    [3] 星期三
    [4] 星期四
    [5] 星期五
    [6] 星期六
   *[7] 星期日
}
date-time = { $date } { $time }
count-codings = { $count } 个编码片段

## 文档（左栏）

documents-title = 文档
documents-import = 导入…
documents-import-hover = 导入文本文件、访谈转录稿或聊天记录（Ctrl+I）
documents-filter-hint = 按名称筛选
documents-filter-label = 筛选文档
documents-empty = 还没有文档。导入访谈转录稿、聊天记录或笔记即可开始。
documents-group-interviews = 访谈（{ $count }）
documents-group-chats = 聊天记录（{ $count }）
documents-group-notes = 笔记（{ $count }）
documents-case = 个案 { $case }
documents-row-label = { $name }，{ $count } 个编码片段
documents-row-hover-origin = { $name }
    导入自 { $file }（{ $encoding }）

## 检查器（光标处的编码片段、其编码、文档）

inspector-title = 检查器
inspector-coding = 编码片段
inspector-coding-empty = 点击高亮处即可在此查看其编码片段。
inspector-code-of-coding = 此片段的编码
inspector-coding-facts = 编码者 { $coder } · { $when } · 第 { $start }–{ $end } 字
inspector-start = 起点
inspector-end = 终点
inspector-start-earlier = 起点提前一个字
inspector-start-later = 起点推后一个字
inspector-end-earlier = 终点提前一个字
inspector-end-later = 终点推后一个字
inspector-fit = 对齐选区
inspector-fit-hover = 让此编码片段恰好覆盖所选文本
inspector-remove = 删除
inspector-remove-hover = 删除此编码片段（Delete）
inspector-coding-memo = 此编码片段的备忘录
inspector-code = 编码
inspector-in-vivo = 逐字编码
inspector-key = 快捷键 { $key }
inspector-description = 说明
inspector-description-hint = 此编码的含义及适用情形
inspector-memo = 备忘录
inspector-code-memo = 你对此编码的笔记
inspector-document = 文档
inspector-document-facts = { $chars } 字 · { $count } 个编码片段
inspector-document-memo = 此文档的备忘录

## 帮助

help-title = 帮助
help-tab-how-to = 使用方法
help-tab-shortcuts = 键盘快捷键
help-tab-terms = 术语
help-how-code = 编码
help-how-code-1 = 从左侧列表打开一份文档。
help-how-code-2 = 用鼠标选中文本（或按住 Shift 再按方向键）。
help-how-code-3 = 点击编码簿中的编码、按它的快捷键（1–9）、把选中的文本拖到编码上，或右键点击选中的文本并选择“用…编码”。
help-how-code-4 = 要用受访者自己的话建立编码，请选择“逐字编码”（Ctrl+Shift+I）。
help-how-code-5 = 点击高亮处，即可在检查器中查看该编码片段：更换编码、移动边界、撰写备忘录。任何一步都可以用 Ctrl+Z 撤销。
help-how-compare = 与同事比对
help-how-compare-1 = 通过“项目”菜单中的“合并另一副本…”导入同事的副本。
help-how-compare-2 = 打开“团队审阅”（Ctrl+Shift+R）。编码了相同文档的编码者已勾选；也可勾选或取消其他编码者。
help-how-compare-3 = 用 F8 逐条查看分歧（Shift+F8 返回上一条）。每条分歧都列出各编码者的版本；接受其中一个、两个都接受或都不接受，即可在共识中定下来。
help-how-compare-4 = “一致性”标签页按编码和文档给出百分比一致性、κ、α 和 u-α。
help-how-export = 导出
help-how-export-1 = 打开“分析”菜单中的“编码检索…”，选择一个编码，如有需要再按个案属性筛选。
help-how-export-2 = 将摘录导出为 CSV、Excel、Word、HTML 或 Markdown。
help-how-export-3 = 表格（共现、交叉表）可在各自的标签页导出为 CSV。
help-how-export-4 = 命令行的 margin export 可导出整个项目，供其他软件使用（REFI-QDA，.qdpx）。
help-keys-digits = 1 – 9，或你指定的键
help-keys-digits-what = 为选中的文本编码
help-keys-delete-what = 删除选中的编码片段
help-keys-shift-arrows = Shift + 方向键
help-keys-shift-arrows-what = 选中文本
help-keys-ctrl-arrows = Ctrl + 方向键
help-keys-ctrl-arrows-what = 按词移动
help-keys-escape-what = 取消选中，再按一次关闭查找栏
help-keys-enter = Enter / Shift+Enter（查找栏）
help-keys-enter-what = 下一个 / 上一个匹配
help-keys-f8 = F8 / Shift+F8（团队审阅）
help-keys-f8-what = 下一处 / 上一处分歧
help-keys-right-click = 右键点击选中的文本
help-keys-right-click-what = 用…编码、逐字编码、复制并注明出处
help-keys-speaker = 点击发言人或发送者
help-keys-speaker-what = 选中整段发言或整条消息
help-keys-f6-what = 在各面板之间移动
help-keys-tab-what = 在各输入框之间移动
help-keys-f2 = F2（在编码簿中）
help-keys-f2-what = 重命名编码
help-keys-menu = Shift+F10 或菜单键（在编码簿中）
help-keys-menu-what = 更多：颜色、合并、删除…
help-agree = 百分比一致性：两位编码者处理方式相同（都编码或都未编码）的单位（字，或发言与消息）所占的比例。
help-kappa = Cohen's κ（kappa）：校正了随机一致后的一致性，取值 −1 到 1。0 相当于随机水平，1 为完全一致；通常认为 0.8 以上为强一致。
help-alpha = Krippendorff's α（alpha）：校正了随机一致后的一致性，适用于任意数量的编码者；1 为完全一致，0 为随机水平，通常以 0.8 为标准。
help-u-alpha = u-α（划分单位的 alpha）：不仅看编码是否相同，也看编码片段的起止位置是否一致，按字计算；两位编码者标出完全相同的文本时为 1。
help-binary-u-alpha = |u-α：两位编码者是否都用本领域的某个编码标注了同一段文本，不论具体是哪个编码。
help-cu-alpha = cu-α：在两位编码者都于本领域内编码过的文本上，他们是否给了相同的编码。
help-cap-cu-alpha = Cu-α：在两位编码者都编码过的文本上，他们是否把它归入同一领域（顶层编码）。
help-in-vivo = 逐字编码：以受访者原话命名的编码，由选中的文本一步生成（Ctrl+Shift+I）。
help-coded-retrieval = 编码检索：从所有文档中汇集某一编码下的全部段落，可按个案属性缩小范围，便于集中阅读或导出。

## 团队审阅

list-separator = 、
review-title = 团队审阅
review-close = 关闭
review-tab-disagreements = 分歧
review-tab-agreement = 一致性
review-tick-two = 请勾选两位或更多编码者进行比对。
review-you-are = 我是
review-nobody = 未指定
review-new-coder = 新编码者…
review-compare = 比对
review-previous = ◀ 上一处
review-previous-hover = 上一处分歧（Shift+F8）
review-next = 下一处 ▶
review-next-hover = 下一处分歧（F8）
review-position = 第 { $n } 处，共 { $total } 处分歧
review-totals = { $total } 处分歧，{ $agreed } 处一致段落
review-resolved-count = 已解决 { $resolved } / { $total }
review-resolved-hover = 当共识编码者对某处分歧已有决定（接受了一个版本或两个都接受）时，该分歧即视为已解决。
review-all-disagreements = 全部分歧
review-row = { $doc } · { $code } · “{ $quote }” · { $status }
review-row-resolved = ✔ { $doc } · { $code } · “{ $quote }” · { $status }，已解决
review-did-not-code = 未编码此处
review-coded-as = { $code }：“{ $text }”
review-note = 注：{ $note }
review-coded-instead = 改用的编码：{ $code }
review-accept = 接受{ $coder }的版本
review-accept-both = 两者都接受
review-accept-both-undo = 接受两个版本
review-accept-neither = 都不接受
review-accept-neither-undo = 两个版本都不接受
review-consensus-none = 共识：尚未决定。
review-consensus-neither = ✔ 已解决：两个版本均不采用（此处不适用该编码）。
review-consensus-holds = ✔ 已解决。共识为：
review-discussion = 讨论
review-comment-line = { $who }：{ $text }
review-comment-hint = 对此段落发表意见
review-comment-label = 意见
review-post = 发表
review-comment-undo = 评论编码片段
review-who-first = 请先说明你是谁（“我是”列表）。
review-unit = 单位
review-unit-chars = 字
review-unit-segments = 发言 / 消息
review-col-agree = 一致率
review-per-code = 按编码
review-all-codes = 全部编码
review-per-document = 按文档
review-domains = 语义领域
review-domains-hover = 语义领域即一个顶层编码及其子编码，按字计算：|u-α 表示编码者是否在该领域内编码了同一段文本，u-α 同时考虑边界与编码，cu-α 表示两人都编码过的文本是否得到相同编码；Cu-α 表示是否归入同一领域。
review-domain-combined = 有 { $chars } 个字同时被其中两个或更多编码标注
review-across-domains = 跨领域（Cu-α）
review-left-out = 未纳入（并非所有人都编码过）：{ $names }
review-merge-unreadable = 无法读取 { $path }：{ $error }
review-merged = 已合并 { $path }：新增 { $coders } 位编码者、{ $codes } 个编码、{ $documents } 份文档、{ $codings } 个编码片段、{ $memos } 条备忘录
review-merged-both-kept = { $summary }；其中 { $codings } 个编码片段不同，两个版本均已保留
review-merged-note = { $summary }；{ $note }
review-merged-end = { $summary }。可用 Ctrl+Z 撤销。

## 比对段落中各版本的关系

passage-agreed = 一致
passage-boundaries = 边界不同
passage-missing = 仅部分人编码

## 编码簿（右栏）

codebook-title = 编码簿
codebook-new = + 新建编码
codebook-new-hover = 在顶层添加一个编码
# 新编码在重命名之前的名称。
codebook-new-name = 新编码
codebook-filter-hint = 筛选，或输入新编码名后按 Enter
codebook-filter-label = 筛选编码
codebook-empty = 还没有编码。点击“+ 新建编码”添加，或选中文本后按 Ctrl+Shift+I 建立逐字编码。
codebook-name-label = 编码名称
codebook-row-label = { $path }，{ $count } 个编码片段
codebook-counted = { $count }：{ $explain }
codebook-row-hover-code = { $path }
    点击即为选中的文本编码
    { $counted }
codebook-menu-code = 为选中的文本编码
codebook-menu-rename = 重命名…
codebook-menu-sub-code = 添加子编码
codebook-menu-colour = 颜色
codebook-colour-label = 颜色 { $hex }
codebook-menu-shortcut = 设置快捷键…
codebook-menu-merge = 合并到…
codebook-menu-delete = 删除编码及其编码片段

## 各项数字统计的是什么（与命令行 analysis::definitions::explain 的说明对应）

explain-count = 与该列文本（其个案本人的访谈发言和聊天消息，在筛选范围内）至少共有一个字的编码片段数。跨两个个案文本的编码片段在两处各计一次；每位编码者的编码片段都计入，因此两位编码者都编码过的段落计两次。
explain-coverage = 该列文本中被任一所选编码者用此编码标注的字数（重叠部分只计一次），除以该文本的总字数：文本指受访者本人的发言（不含访谈者的发言、标题或发言人标签）及其聊天消息，限于筛选范围内的文档和日期。
explain-overlap = 两个编码覆盖同一段文本的位置数，在每位编码者自己的编码片段内计算，再对各编码者求和。一个位置即一段连续文本：同一编码相互重叠的编码片段合为一处，仅首尾相接的仍算两处。对角线为该编码自身的位置数。
explain-segment = 同时含有两个编码的发言或聊天消息数，在每位编码者自己的编码片段内计算，再对各编码者求和。对角线为含有该编码的发言或消息数。
explain-pooled = 合并编码者：所有所选编码者的编码片段放在一起计算，因此一位编码者的编码与另一位的编码相遇也会计入（这主要反映编码者之间的分歧所在）。
explain-timeline = 与该时段内发送的聊天消息至少共有一个字的编码片段数（在筛选范围内）；跨两个时段消息的编码片段在两个时段各计一次。时段的日期即该行的日期，并以筛选日期为界。
explain-and = 其段落也被第二个编码标注的编码片段：与第二个编码的某个编码片段至少共有一个字（包括其自身）。
explain-not = 其段落未被第二个编码标注的编码片段：与第二个编码的任何编码片段都没有共同的字，因此第二个编码的编码片段永远不会列出。
explain-near = 与第二个编码的另一编码片段相距不超过 N 个字、或 N 段发言或消息的编码片段。
explain-partners = 第二个编码的编码片段取自与每个所列编码片段相同的编码者，以及相同的文档、个案、属性和日期。
explain-codebook = 所有编码者在所有文档中对此编码（不含其子编码，除非已折叠）所做的编码片段数。表格计数会更少：只计个案文本中的编码片段（交叉表）或位置（共现），并限于筛选范围。

## 分析：表格

filter-title = 筛选
filter-title-on = 筛选（已启用）
tables-cooccurrence = 共现
tables-crosstab = 编码 × 个案/属性
tables-timeline = 随时间变化
tables-with-subcodes = 计入子编码
tables-by-overlap = 重叠文本
tables-by-segment = 同一发言/消息
tables-pool-coders = 合并编码者
tables-per-case = 按个案
tables-per-attribute = 按{ $attribute }
tables-counts = 计数
tables-coverage = 覆盖率 %
tables-interviewer = 也计入访谈者的发言
tables-interviewer-hover = 把访谈者的发言也算作个案的文本（默认情况下，访谈个案的文本只包括受访者本人的发言）
tables-per-month = 按月
tables-per-week = 按周
tables-compute = 计算
tables-save-csv = 另存为 CSV…
tables-save-chart = 另存为图表…
tables-save-chart-hover = 热力图及其条形图，可存为 PNG（插入 Word）或 SVG（用于印刷与编辑）
tables-chart-cooccurrence = 编码共现
tables-chart-coverage = 各列文本的编码覆盖率（%）
tables-chart-crosstab = 各编码在各列中的编码片段数
tables-chart-timeline = 各编码随时间的编码片段数
tables-nothing = 无可显示的内容：没有编码或没有列。
tables-bars-places-pooled = 编码位置数（合并编码者）
tables-bars-places = 编码位置数（各编码者求和）
tables-bars-coverage = 占全部文本的覆盖率（%）
tables-bars-codings = 编码片段数
tables-bars-per-period = 各时段编码片段数
tables-unattributed = 有 { $count } 个编码片段与任何个案的文本都不重合，未计入。
tables-periods = 时段：{ $periods }
tables-period = { $label } = { $start } 至 { $end }
tables-period-separator = ；
tables-shows-cooccurrence-pooled = 两个编码交汇的位置数，合并所有所选编码者的编码片段（悬停查看定义）
tables-shows-cooccurrence = 两个编码在每位编码者自己的编码片段中交汇的位置数，各编码者求和（悬停查看定义）
tables-shows-coverage = 编码覆盖各列自身文本的比例（悬停查看定义）
tables-shows-crosstab = 各列文本中的编码片段数，每位编码者的编码片段都计入（悬停查看定义）
tables-shows-timeline = 按聊天消息时间统计的各时段编码片段数（悬停查看定义）

## 分析：编码检索

retrieval-choose-code = 请选择要检索的编码
retrieval-choose-second = 请选择第二个编码
retrieval-code = 编码
retrieval-with-subcodes = 含子编码
retrieval-combine-none = 不加第二个编码
retrieval-combine-and = 与之重叠
retrieval-combine-not = 不与之重叠
retrieval-combine-near-chars = 相距 N 字以内
retrieval-combine-near-turns = 相距 N 段发言以内
retrieval-retrieve = 检索
retrieval-query = 或输入检索式：
retrieval-query-hover = 用“并且”连接编码，括号内的可选项用“或者”连接：第一项为要检索的编码，其后每一项都须在其段落上成立。不含 B：未编码为 B；相距 50 B：与 B 相距 50 字以内；相距 2 段 B：相距 2 段发言或 2 条消息以内。名称后加 * 表示包含其子编码；名称中含关键词时请加引号。关键词前后须留空格。输入检索式后，它将取代上方所选的编码与组合方式。按回车键检索。
retrieval-query-hint = 身份建构* 并且 （情感唤起 或者 不含 污名）
retrieval-saved = 已保存的检索式
retrieval-save-as-hint = 保存时使用的名称
retrieval-save-query = 保存检索式
retrieval-save-query-hover = 将此检索式以该名称保存在项目中，供您和团队再次运行
retrieval-forget-query = 删除已保存的检索式
retrieval-count = { $count } 条摘录
retrieval-export = 导出…
retrieval-export-hover = 将这些摘录写成 CSV、XLSX、HTML、Markdown 或 DOCX
retrieval-speaker = { $speaker }：
retrieval-excerpt-head = { $document } · { $code } · 编码者 { $coder }
    { $speaker }
retrieval-first-shown = 仅显示 { $total } 条摘录中的前 { $shown } 条；“导出…”会写出全部。

## 分析：编码检索与表格共用的筛选

filter-op-is = 等于
filter-op-at-least = 不小于
filter-op-at-most = 不大于
filter-op-between = 介于
filter-set-all = { $title }：全部
filter-set-some = { $title }：{ $count }
filter-all = 全部
filter-documents = 文档
filter-cases = 个案
filter-coders = 编码者
filter-attributes = 属性
filter-attributes-hint = 地区=山东; 年龄=40..50
filter-attributes-hover = 属性名=值（多个值：a,b；范围：40..50），条件之间用 ; 分隔
    属性：{ $names }
filter-sent = 消息发送于
filter-from = 起
filter-until = 止
filter-coded = 编码于
filter-add-condition = 添加条件
filter-attribute = 属性
filter-value = 值
filter-and = 和
filter-add = 添加
filter-add-hover = 把此条件加到上方的条件中

## 分析：面板及其搜索标签页

analysis-title = 分析
analysis-window-title = 分析 — Margin
analysis-tab-search = 搜索
analysis-tab-retrieval = 编码检索
analysis-tab-tables = 表格
analysis-tab-summaries = 框架矩阵
analysis-dock-below = 在转录稿下方
analysis-dock-beside = 在转录稿旁边
analysis-dock-window = 在独立窗口中
analysis-dock-hover = 分析面板的位置
analysis-close = 关闭分析面板
analysis-choose-code = （选择编码）
analysis-code-filter-hint = 输入以筛选
analysis-no-code-matches = 没有编码含有这些字。
analysis-show-in-transcript = 在转录稿中显示
search-find = 查找
search-hint = 词语或正则表达式
search-find-all = 全部查找
search-plain = 纯文本
search-word = 整词
search-regex = 正则表达式
search-ignore-case = 忽略大小写
search-hits = { $count } 处命中
search-whole-segment = 整段发言/消息
search-code-all = 为全部命中编码
search-code-all-hover = 用所选编码标注每处命中（可一步撤销）

## 内置文件选择器（以及系统文件对话框的标题）

picker-filter-importable = 转录稿、聊天记录和文档
picker-filter-all = 所有文件
picker-filter-qdpx = REFI-QDA 项目
picker-filter-xlsx = Excel 工作簿
picker-filter-html = HTML 报告
picker-filter-docx = Word 文档
picker-title-new-project = 新建项目：选择存放的文件夹
picker-title-open = 打开 Margin 项目文件夹
picker-title-qdpx = 打开来自 NVivo、ATLAS.ti、MAXQDA 或 QualCoder 的 REFI-QDA 项目（.qdpx）
picker-title-import = 导入文件
picker-title-merge = 合并此项目的另一副本
picker-title-export = 导出检索到的摘录
picker-title-table = 将表格另存为 CSV
picker-title-chart = 将表格另存为图表
picker-home = 主目录
picker-cannot-open-folder = 无法打开文件夹 { $path }：{ $error }
picker-is-folder = { $path } 是文件夹：请选择其中的文件。
picker-no-file = 文件 { $path } 不存在。
picker-choose-file = 请选择文件，或输入其路径。
picker-no-folder = 文件夹 { $path } 不存在。
picker-type-name = 请输入名称。
picker-cannot-write = 无法写入 { $path }。
picker-replace = { $path } 已存在。再按一次“保存”即可替换。
picker-exists = { $path } 已存在：请换一个名称。
picker-up = ⬆ 上一级
picker-up-hover = 上一级文件夹（Alt+Up）
picker-places = 位置
picker-nothing = 没有匹配的项目。
picker-name = 名称
picker-path = 路径
picker-path-hint = 输入名称或路径，然后按 Enter
picker-path-label = 文件路径
picker-hidden = 隐藏文件
picker-import = 导入
picker-open = 打开
picker-save = 保存
dialog-cancel = 取消

## 对话框：编码者、新建项目、合并编码、快捷键、报告

dialog-close = 关闭
coder-title = 谁在编码？
coder-explain = 你的名字会随你做的每个编码片段一起保存，以便两位编码者比对彼此的工作。
coder-hint = 你的名字
coder-label = 编码者姓名
coder-start = 开始编码
coder-later = 稍后
new-project-title = 新建项目
new-project-default-name = 我的研究
new-project-imported-name = 导入的研究
new-project-explain = 项目就是一个文件夹：文档、编码簿和所有编码片段都以普通文件的形式保存在其中。
new-project-from-qdpx = 由 { $path } 生成。新项目是一个文件夹：文档、编码簿和所有编码片段都以普通文件的形式保存在其中。
new-project-name = 名称
new-project-name-label = 项目名称
new-project-folder = 所在文件夹
new-project-folder-label = 新项目所在的文件夹
new-project-browse = 浏览…
new-project-creates = 将创建 { $path }
new-project-create = 创建
new-project-no-name = 请为项目命名。
new-project-bad-name = “{ $name }”不能用作文件夹名：请去掉 / 和 \。
new-project-not-empty = { $path } 已存在且不为空：请换一个名称。
new-project-exists = { $path } 已存在。
merge-title = 合并编码
merge-explain = 将“{ $code }”及其子编码的所有编码片段移到你选择的编码下，然后删除“{ $code }”。可用 Ctrl+Z 撤销。
merge-filter-label = 筛选要合并到的编码
shortcut-title = 快捷键
shortcut-explain = 按下用“{ $code }”为选中文本编码的键：数字或字母。Backspace 清除，Esc 取消。



## 转录稿：跳转到消息或时间

goto-no-document = 没有打开的文档
goto-how = 请输入消息编号（#120）、日期（2024-05-03、6月20日、6/20）、时间（08:15）或日期加时间
goto-nothing = { $input } 处没有内容

## 转录稿

transcript-choose = 请从左侧选择一份文档开始阅读。
transcript-blind = 盲编码模式：只显示{ $coder }的编码片段。
transcript-side-by-side = 并列显示：
transcript-kind-interview = 访谈
transcript-kind-chat = 聊天记录
transcript-kind-notes = 笔记
transcript-case = 个案 { $case }
transcript-messages = { $count } 条消息
transcript-turns = { $count } 段发言
transcript-all-coders = 所有编码者
transcript-codings-of = { $coder }的编码片段
transcript-codings-of-label = 显示谁的编码片段
transcript-goto = 跳转…
transcript-goto-hover = 跳转到消息编号或时间（Ctrl+G）
transcript-find = 查找…
transcript-find-hover = 在本文档中查找（Ctrl+F）
transcript-label = { $document }的转录稿
transcript-drop = 拖到编码上，即可为“{ $text }”编码
transcript-code-with = 用…编码
transcript-copy = 复制
transcript-copy-attribution = 复制并注明出处
transcript-copy-attribution-hover = 引文连同说话人、文档和时间
transcript-select-first = 请先选中一些文本。
transcript-system-notice = 系统通知
transcript-recalled = 已撤回
transcript-click-coding = 点击以选中编码片段
transcript-did-not-code = 未编码
transcript-coded-chars = 编码了 { $chars } 个字
transcript-version = { $coder }：{ $what }
transcript-click-review = 点击进行审阅
find-hint = 本文档中的词语
find-label = 在文档中查找
find-none = 无匹配
find-count = { $count } 处匹配
find-position = 第 { $n } 处，共 { $total } 处
find-position-more = 第 { $n } 处，共 { $total }+ 处
find-previous = 上一个
find-previous-hover = 上一个匹配（Shift+Enter）
find-previous-label = 上一个匹配
find-next = 下一个
find-next-hover = 下一个匹配（Enter）
find-next-label = 下一个匹配
find-close-hover = 关闭查找栏（Esc）
goto-title = 跳转到
goto-hint = #120、2024-05-03 08:15、6月20日、6/20、08:15
goto-label = 跳转到消息或时间
goto-go = 跳转

## 文本在 Margin 之外被修改

reanchor-title = 文本在 Margin 之外被修改
reanchor-explain = { $documents } 的文本被其他程序修改过。Margin 已在新位置重新找到 { $codings } 个编码片段和 { $segments } 段发言或消息。
reanchor-coding-moves = { $document }：编码片段 { $from_start }..{ $from_end } 移至 { $to_start }..{ $to_end }
reanchor-segment-moves = { $document }：{ $speaker } { $from_start }..{ $from_end } 移至 { $to_start }..{ $to_end }
reanchor-ask = 保存新位置，或关闭项目并保持其文件不变。
reanchor-save = 保存新位置
reanchor-close = 关闭项目

## 设置

config-unreadable = { $path }:{ $line }:{ $column }：无法读取设置（{ $error }）；改用默认设置
config-unreadable-io = { $path }：{ $error }；改用默认设置
config-unwritable = 无法写入设置：{ $error }



## 命令：菜单项、帮助中的快捷键、撤销记录

cmd-new-project = 新建项目…
cmd-open-project = 打开项目…
cmd-choose-folder = 选择文件夹…
cmd-open-qdpx = 打开来自 NVivo / ATLAS.ti / MAXQDA / QualCoder 的 .qdpx…
cmd-import-qdpx = 导入 { $path }
cmd-new-project-in = 在 { $path } 中新建项目
cmd-open = 打开 { $path }
cmd-create = 创建 { $path }
cmd-open-sample = 打开示例项目
cmd-import-dialog = 导入文件…
cmd-import-files = 导入 { $count } 个文件
cmd-save = 保存
cmd-quit = 退出
cmd-undo = 撤销
cmd-redo = 重做
cmd-open-document = 打开文档
cmd-find = 在文档中查找…
cmd-goto = 跳转到消息或时间…
cmd-theme-system = 跟随系统主题
cmd-theme-light = 浅色主题
cmd-theme-dark = 深色主题
cmd-text-bigger = 放大文字
cmd-text-smaller = 缩小文字
cmd-shortcuts = 键盘快捷键
cmd-how-to = 如何编码、比对和导出
cmd-ask-coder = 更换编码者…
cmd-set-coder = 设置编码者
cmd-code-selection = 为选中的文本编码
cmd-in-vivo = 逐字编码
cmd-select-segment = 选中整段发言或消息
cmd-remove-coding = 删除编码片段
cmd-select-coding = 选中编码片段
cmd-select-code = 选中编码
cmd-change-coding-code = 更换编码片段的编码
cmd-adjust-coding = 调整编码片段
cmd-coding-memo = 编辑编码片段备忘录
cmd-create-code = 新建编码
cmd-rename-code = 重命名编码
cmd-recolor-code = 更改编码颜色
cmd-describe-code = 编写编码说明
cmd-code-shortcut = 设置编码快捷键
cmd-move-code = 移动编码
cmd-merge-codes = 合并编码
cmd-delete-code = 删除编码
cmd-memo = 编辑备忘录
cmd-show-analysis = { $tab }…
cmd-jump-to = 在转录稿中显示
cmd-autocode = 为全部命中编码
cmd-export-excerpts = 导出摘录…
cmd-export-table = 将表格另存为 CSV…
cmd-start-rename = 重命名…
cmd-start-merge = 合并到…
cmd-start-shortcut = 设置快捷键…
cmd-review = 团队审阅
cmd-blind = 盲编码（隐藏其他编码者）
cmd-show-passage = 显示段落
cmd-review-passage = 审阅段落
cmd-notify = 消息
cmd-merge-dialog = 合并另一副本…
cmd-merge-project = 合并 { $path }
cmd-language = 语言

## 应用：通知、菜单、状态栏、欢迎页

menu-project = 项目
menu-open-recent = 最近打开
menu-no-recent = 没有最近的项目
menu-edit = 编辑
menu-undo-what = { $command }：{ $what }
menu-analysis = 分析
menu-view = 视图
menu-help = 帮助
status-nobody = 未指定（点击设置）
status-coding-as = 编码者：{ $coder }
status-change-coder = 更换编码者
status-saved = 所有更改已保存
status-pending = 有未保存的更改
status-saving = 正在保存…
status-save-failed = 保存失败：{ $error }
status-read-only = 只读：{ $reason }
status-no-project = 未打开项目
status-selected = 已选中 { $count } 个字
welcome-tagline = 访谈与聊天记录的人工编码
welcome-new = 新建项目…
welcome-open = 打开项目…
welcome-sample = 打开示例项目
welcome-path-hint = …或输入项目文件夹
welcome-path-label = 项目文件夹
welcome-open-path = 打开
welcome-recent = 最近的项目
window-title = { $project } — Margin
notice-dismiss = 关闭
notice-close-unsaved = 关闭前未能保存项目：{ $error }
notice-open-failed = 无法打开 { $path }：{ $error }
notice-no-sample = 此版本的 Margin 未附带示例项目。
notice-no-data-folder = 没有可用于复制示例项目的应用数据文件夹。
notice-sample-copy = 这是示例研究的个人副本，位于 { $path }；原始文件保持不变。
notice-created = 已创建 { $path }。导入文件即可开始（项目 › 导入文件…，或把文件拖到窗口上）。
notice-create-failed = 无法在 { $path } 创建项目：{ $error }
report-offsets = 位置的读取方式
report-adjusted = 为适应 Margin 所做的调整
report-skipped = 未导入
report-qdpx-title = 已将 { $path } 作为新项目打开
report-qdpx-summary = 已导入 { $summary }。项目位于 { $path }。
notice-read-only = 以只读方式打开：{ $reason }。更改将无法保存。
notice-migrated = 该项目由旧版 Margin 写成（格式 { $version }）；保存时会自动升级。
notice-dialog-failed = 系统文件对话框无法启动（{ $error }）；现在显示的是 Margin 自带的对话框。
notice-dialog-missing = 系统文件对话框未能打开（需要 xdg-desktop-portal 或 zenity）。
notice-dialog-fallback = 系统文件对话框在此未能打开；现在显示的是 Margin 自带的对话框。
notice-dialog-stopped = 文件对话框未作回应便已关闭。
notice-import-no-project = 请先打开或创建项目，再导入文件。
notice-saved = 已保存。
notice-save-failed = 无法保存：{ $error }
notice-merge-no-project = 请先打开项目，再合并另一副本。
notice-merge-nothing = { $path } 没有带来新内容。
notice-select-first = 请先选中文本，再选择编码。
notice-select-in-vivo = 请先选中受访者的原话，再建立逐字编码。
notice-exported = 已将 { $count } 条摘录写入 { $path }。
notice-export-failed = 无法导出：{ $error }
notice-table-saved = 已将表格保存到 { $path }。
notice-table-failed = 无法保存表格：{ $error }
notice-no-project = 请先打开项目。
notice-deleted-code = 已删除“{ $code }”及其 { $count } 个编码片段。可用 Ctrl+Z 撤销。
notice-merged-codes = 已将“{ $from }”合并到“{ $into }”。可用 Ctrl+Z 撤销。
notice-autocoded = 已用“{ $code }”为 { $count } 处段落编码。可用 Ctrl+Z 撤销。
notice-autocode-nothing = 每处命中都已用该编码标注。
notice-undid = 已撤销：{ $label }
notice-redid = 已重做：{ $label }
notice-nothing-to-undo = 没有可撤销的操作。
notice-nothing-to-redo = 没有可重做的操作。
notice-imported = 已导入 { $count } 份文档。可用 Ctrl+Z 撤销。

cmd-merge-copy = 合并另一副本

## 操作被拒绝或失败的原因（会话错误）

error-no-coder = 请先告诉 Margin 谁在编码（“项目”菜单，更换编码者…）
error-empty-coder-name = 编码者姓名为空
error-gone-document = 该文档已不存在
error-gone-code = 该编码已不存在
error-gone-coding = 该编码片段已不存在
error-empty-selection = 请先选中一些文本
error-empty-name = 编码需要一个名称
error-under-own-subcode = “{ $code }”不能放到它自己的子编码之下
error-merge-into-itself = 编码不能合并到自身
error-merge-into-subcode = “{ $code }”不能合并到它自己的子编码
error-read-only = 无法更改：{ $reason }
error-edit = 更改被拒绝：{ $error }
error-analysis = { $error }
error-import = 无法导入 { $error }
error-store = { $error }
error-saver = { $error }







config-unwritable-file = { $path }：无法写入设置：{ $error }
## 帮助 ▸ 关于 Margin

cmd-about = 关于 Margin
about-title = 关于 Margin
about-tagline = Margin：质性资料的人工编码（访谈转录稿与聊天记录）。
about-version = 版本
about-commit = 提交
about-licence = 许可证
about-licence-choice = { $licences }，任选其一
about-or = {" 或 "}
about-font = 字体
about-font-licence = Droid Sans Fallback，用于显示中文：Apache License 2.0
about-settings = 设置
about-logs = 日志文件
about-sample = 示例副本
about-no-folder = 无（找不到主目录）
about-copy = 复制以报告问题
about-copied = 已复制。


## Team sync (Project ▸ Team sync…, the status bar's Sync)

cmd-team-sync = 团队同步…
cmd-sync = 立即同步
cmd-sync-set-up = 设置与 { $address } 同步
cmd-sync-join = 从 { $address } 复制团队项目
cmd-take-incoming = 与团队同步
sync-title = 团队同步
sync-explain = 通过 git 仓库与团队共享本项目：可以是共享盘上的文件夹，也可以是 GitHub、GitLab 或 Gitea 上的仓库。每次同步都会保存你的工作、发送给团队，并取回队友的更改。两人改动了同一处时，两个版本都会保留并提示你，不会丢失任何内容。
sync-this-project = 本项目
sync-set-up-with = 与 { $address } 同步；上次同步：{ $time }。
sync-set-up-with-never = 与 { $address } 同步；本机尚未同步过。
sync-not-set-up = 尚未共享。请填写团队仓库的地址（共享盘上的空文件夹会自动建成仓库）。
sync-address-hint = /mnt/shared/study.git  或  git@github.com:team/study.git
sync-address-label = 团队仓库地址
sync-set-up = 设置并同步
sync-now = 立即同步
sync-join = 加入队友的项目
sync-join-explain = 把队友共享的项目复制到本机的新文件夹并打开。
sync-join-address = 地址
sync-join-address-label = 队友项目的地址
sync-join-folder = 存放位置
sync-join-folder-label = 副本所在的文件夹
sync-join-name = 文件夹名
sync-join-name-label = 副本文件夹的名称
sync-join-go = 复制并打开
sync-join-no-address = 请填写队友项目的地址。
sync-join-bad-name = 请为副本填写文件夹名（不含 / 或 \）。
sync-join-no-folder = { $path } 不是文件夹。
sync-join-not-empty = { $path } 不是空文件夹，请换一个名称。
sync-credentials = 登录方式：SSH 密钥取自 SSH 代理或 ~/.ssh；HTTPS 密码取自 git 的凭据助手（git config --global credential.helper）。Margin 不保存任何密码。
sync-button = ⟳ 同步
sync-button-hover = 把你的更改发送到 { $address }，并取回团队的更改
sync-status-not-set-up = 未共享
sync-status-not-set-up-hover = “团队同步…”可与团队共享本项目
sync-status-offline = 离线
sync-status-local = { $count } 处更改待发送
sync-status-incoming = 团队有 { $count } 处新更改
sync-status-up-to-date = 已是最新
sync-status-last = 上次同步 { $time }
sync-work-fetching = 同步中：正在取回团队的更改…
sync-work-pushing = 同步中：正在发送你的更改…
sync-work-cloning = 正在复制团队项目…
sync-kind-codings-added = 新增 { $count } 个编码片段
sync-kind-codings-changed = 修改 { $count } 个编码片段
sync-kind-codings-removed = 删除 { $count } 个编码片段
sync-kind-codes-added = 新增 { $count } 个编码
sync-kind-codes-changed = 修改 { $count } 个编码
sync-kind-codes-removed = 删除 { $count } 个编码
sync-kind-memos = { $count } 条备忘录
sync-kind-documents-added = 新增 { $count } 份文档
sync-kind-documents-changed = 修改 { $count } 份文档
sync-kind-other = 个案、属性或编码者有 { $count } 处更改
sync-kind-nothing = 无更改
sync-done = 已与团队同步。
sync-nothing-came-in = 团队没有新的更改。
sync-came-in = 取回：{ $what }。
sync-came-in-coder = { $coder }：{ $documents } 份文档中新增或修改 { $count } 个编码片段
sync-sent = 你的更改已发送。
sync-report-title = 已与团队同步
sync-kept-both = 双方都改动过：两个版本均已保留
sync-restored = 因仍被使用而恢复
sync-already = 同步正在进行中。
sync-who = 请先说明编码者：同步会以你的名字记录你的更改。
sync-joined = 已把团队项目复制到 { $path }。按 Ctrl+Shift+S 同步。
sync-join-failed = 无法把团队项目复制到 { $path }：{ $error }
sync-failed = 同步失败：{ $error }
sync-error-not-set-up = 本项目尚未设置同步（项目 ▸ 团队同步…）。
sync-error-no-remote = 项目中没有名为“{ $remote }”的远程仓库（可在“项目 ▸ 团队同步…”中设置）。
sync-error-auth = 团队仓库拒绝了登录（{ $detail }）。请检查 SSH 密钥或 git 凭据助手。
sync-error-unreachable = 无法连接团队仓库（{ $detail }）。你的工作已保存，联网后再同步即可。
sync-error-git = { $doing }：{ $detail }
sync-error-refused = { $remote } 拒绝了你的更改：{ $reason }
sync-error-kept-moving = 同步期间团队仓库一直在变化，请稍后再同步。
sync-error-unreadable = 项目历史中的版本 { $commit } 无法读取：{ $error }
sync-error-io = { $path }：{ $error }
sync-error-merge = 无法合并团队的更改：{ $error }
sync-login-title = 登录团队仓库
sync-login-explain = { $address } 需要用户名和密码。GitHub、GitLab 和 Gitee 在这里要填访问令牌，而不是登录密码。
sync-login-user = 用户名
sync-login-secret = 密码或访问令牌
sync-login-keep = 交给 git 的凭据助手保存（即本机保存密码的地方）
sync-login-go = 登录并同步
sync-login-not-kept = 登录信息只保留到 Margin 关闭：{ $reason }
sync-error-needs-login = { $address } 需要登录。
sync-login-user-label = 团队仓库的用户名
sync-login-secret-label = 团队仓库的密码或访问令牌

## Exemplars and translations (the paper)

cmd-mark-exemplar = 标为典型引文
cmd-unmark-exemplar = 取消典型引文
cmd-exemplar = 典型引文
cmd-translation = 编辑译文
cmd-save-query = 保存检索式“{ $name }”
cmd-save-query-step = 保存检索式
inspector-exemplar = ★ 该编码的典型引文
inspector-exemplar-hover = 导出和报告中，该编码的典型引文排在最前。
inspector-translation = 引文译文（如写论文用的英文）
inspector-translation-note = 译注（译者、措辞说明）
retrieval-mark-exemplar = 标为该编码的典型引文（导出时排在最前）
retrieval-unmark-exemplar = 该编码的典型引文：点击取消
## Documents, memos, exports

menu-document = 文档
menu-document-none = 请先打开一个文档
cmd-rename-document = 重命名文档
cmd-delete-document = 删除文档
cmd-document-kind = 更改文档类型
cmd-document-case = 更改文档所属个案
cmd-import-codebook = 导入编码簿…
cmd-export = 导出…
cmd-project-memo = 项目备忘录…
cmd-memos = 备忘录…
cmd-open-memo-target = 打开备忘录所记的对象
cmd-retrieve-cell = 查看表格单元格对应的摘录
document-menu-rename = 重命名…
document-menu-properties = 属性与备忘录…
document-menu-kind = 类型
document-menu-case = 个案
document-menu-delete = 删除…
document-kind-interview = 访谈
document-kind-chat = 聊天记录
document-kind-notes = 笔记
document-no-case = 不属于任何个案
document-rename-title = 重命名文档
document-rename-label = 文档名称
document-rename-ok = 重命名
document-delete-title = 删除“{ $name }”？
document-delete-explain = { $codings ->
    [0] 该文档没有编码片段。
   *[other] 其 { $codings } 个编码片段（来自 { $coders } 位编码者）将一并删除。
}{ $memos ->
    [0] {""}
   *[other] 另有 { $memos } 条备忘录也将删除。
}可用 Ctrl+Z 撤销。
document-delete-ok = 删除
document-properties-title = { $name }：属性
document-prop-name = 名称
document-prop-kind = 类型
document-prop-case = 个案
document-prop-source = 源文件
document-prop-source-value = { $file }（{ $format }，{ $encoding }）
document-prop-no-source = 未记录
document-prop-imported = 导入时间
document-prop-characters = 字数
document-prop-count = { $count }
document-prop-segments = 发言与消息
document-prop-turns-value = { $turns } 段发言{ $messages ->
    [0] {""}
   *[other] ，{ $messages } 条消息
}
document-prop-messages-value = { $messages } 条消息，{ $notices } 条系统通知
document-prop-codings = 编码片段
document-prop-codings-value = { $codings } 个编码片段，来自 { $coders } 位编码者；{ $memos } 条备忘录
document-prop-hash = 文本哈希值（SHA-256）
document-prop-hash-hover = 编码所依据文本的指纹；margin check 会将其与磁盘上的 .txt 文件比对。
document-prop-memo = 文档备忘录
document-prop-memo-hint = 这份文档是什么、如何收集、阅读时需要注意什么……
document-prop-memo-save = 保存备忘录
memos-title = 备忘录
memos-kind-project = 项目
memos-kind-document = 文档
memos-kind-code = 编码
memos-kind-coding = 编码片段
memos-kind-summary = 摘要
memos-kind-count = { $kind }（{ $count }）
memos-search-hint = 搜索备忘录
memos-search-label = 在备忘录中搜索
memos-project-memo = 项目备忘录…
memos-export = 导出…
memos-shown = 共 { $total } 条备忘录，显示 { $shown } 条
memos-none = 没有符合条件的备忘录。
memos-open-hover = 打开这条备忘录所记的对象
memos-comment = 评论
memos-by = 作者：{ $author }
memos-byline-separator = {" · "}
project-memo-title = 项目备忘录
project-memo-explain = 关于整个研究的笔记：研究问题、分析决定、编码簿的修订经过。
project-memo-save = 保存备忘录
export-title = 导出
export-what-excerpts = 编码摘录
export-what-codebook = 编码簿
export-what-memos = 全部备忘录
export-what-project = 整个项目，供 NVivo、ATLAS.ti、MAXQDA 或 QualCoder 使用（REFI-QDA .qdpx）
export-format-csv-excel = CSV（Excel 用）
export-format-qdc = REFI-QDA 编码簿（.qdc）
export-with-retrieval = 仅导出编码检索页所选的摘录
export-all-excerpts = 项目中的全部编码摘录。
export-every-code = 所有编码
export-code-with-subcodes = { $code }及其子编码
export-retrieval-filtered = “{ $code }”的摘录，按编码检索页的筛选条件缩小范围。
export-retrieval-unfiltered = “{ $code }”的摘录（编码检索页未设筛选条件）。
export-project-explain = 文档、编码簿、编码片段、个案、编码者和备忘录，按 REFI-QDA 标准所能承载的内容导出。
export-choose-file = 导出到文件…
export-import-codebook = 导入编码簿…
export-done-codebook = 已将 { $count } 个编码写入 { $path }。
export-done-memos = 已将 { $count } 条备忘录写入 { $path }。
export-done-qdpx = 已写入 { $path }：{ $documents } 个文档，{ $codes } 个编码，{ $codings } 个编码片段，{ $memos } 条备忘录。
export-done-qdpx-not-carried = { $said } REFI-QDA 无法承载：{ $what }。
picker-title-export-as = 导出到
picker-title-codebook = 导入编码簿（REFI-QDA .qdc 或 CSV）
picker-filter-codebook = 编码簿（.qdc、.csv）
codebook-import-title = 导入编码簿 { $file }
codebook-import-summary = 新增 { $added } 个编码；{ $described } 个已有编码将采用文件中的说明；{ $unchanged } 个已在编码簿中。
codebook-import-added = 新增
codebook-import-described = 补充说明
codebook-import-ok = 导入
notice-codebook-failed = 无法读取编码簿：{ $error }
notice-codebook-imported = 已新增 { $added } 个编码，为 { $described } 个编码补充了说明。可用 Ctrl+Z 撤销。
notice-deleted-document = 已删除“{ $name }”及其 { $codings } 个编码片段和 { $memos } 条备忘录。可用 Ctrl+Z 撤销。
tables-click-cell = 点击单元格，可在编码检索页阅读其中的摘录。
tables-heatmap-label = 热力图（点击单元格阅读其中的摘录）
## Import options, cases, snapping
cmd-cases = 个案与属性…
cmd-add-case = 新建个案
cmd-rename-case = 重命名个案
cmd-delete-case = 删除个案
cmd-add-attribute = 新建属性
cmd-rename-attribute = 重命名属性
cmd-delete-attribute = 删除属性
cmd-set-attribute-value = 设置属性值
cmd-import-attribute-table = 导入属性表
error-empty-case-name = 个案或属性需要名称。
error-name-taken = “{ $name }”已被使用。
error-gone-case = 该个案或属性已不存在。
picker-title-pseudonyms = 选择化名对照表
picker-title-attributes = 选择属性表
picker-filter-attributes = 表格（CSV、XLSX）
import-title = 导入 { $count } 个文件
import-kind = 类型
import-kind-auto = 按各文件判断
import-kind-interview = 访谈
import-kind-chat = 聊天记录
import-kind-notes = 笔记
import-case = 个案
import-case-hint = 无
import-case-label = 文档所属的个案
import-case-existing = 已有个案
import-senders-as-cases = 为每位发送者或发言人建立个案（聊天记录）
import-autocode = 将发言人
import-speaker-hint = 发言人
import-speaker-label = 要编码其发言的发言人
import-with-code = 的发言编码为
import-code-hint = 编码（不存在则新建）
import-code-label = 用于该发言人发言的编码
import-pseudonyms = 化名对照表
import-pseudonyms-hint = CSV：真实姓名,化名——请放在项目文件夹之外
import-pseudonyms-label = 化名对照表
import-pseudonyms-explain = 对照表中的姓名会在保存任何内容之前，于正文、发言人、发送者和文档名中被替换；您会先看到替换结果。
import-read = 读取文件
import-read-preview = 读取并预览
import-reading = 正在读取文件……窗口仍可照常使用。
import-progress-label = 导入进度
import-progress = 已读 { $done } / { $files } 个文件 · { $read } / { $total } MB
import-stop = 停止
import-stopping = 读完当前文件后停止……
import-cancelled = 已停止：项目中没有添加任何内容。
import-thread-failed = 无法开始导入：{ $error }
import-thread-stopped = 导入意外中止；没有添加任何内容。
import-map-unreadable = 无法使用该化名对照表：{ $error }
import-preview-replacements = 化名对照表将进行的替换
import-preview-not-stored = 尚未保存任何内容：请核对姓名，再添加。
import-no-replacements = 这些文件中没有出现对照表里的姓名。
import-times = { $count } 处
import-preview-size = { $characters } 字，{ $segments } 段发言或条消息
import-refused = 未导入
import-new-cases = 新个案：{ $cases }
import-new-code = 新编码：{ $code }
import-will-code = 将为 { $count } 段发言或条消息编码。
import-no-speaker = 没有文件包含发言人“{ $speaker }”（找到的发言人：{ $found }）。
import-code-needed = 请为该发言人的发言指定编码。
import-add = 添加到项目
import-back = 返回选项
import-busy = 已有导入正在进行；请等待完成或停止它。
import-report-title = 已导入 { $count } 个文档
import-report-summary = 已作为一步添加 { $count } 个文档（Ctrl+Z 可撤销）；替换 { $names } 个姓名共 { $replacements } 处。
import-report-summary-plain = 已作为一步添加 { $count } 个文档（Ctrl+Z 可撤销）。
import-report-documents = 文档
import-report-document = { $file }，导入为“{ $name }”：{ $kind }，{ $characters } 字，{ $segments } 段发言或条消息
import-report-replacements = 已应用的化名
import-replacement = { $real } 替换为 { $pseudonym }（{ $count } 处）
import-real-name = 文件中的姓名
import-pseudonym = 保存为
import-occurrences = 出现次数
import-report-placed = 个案与编码
import-coded = 已将“{ $speaker }”的 { $count } 段发言或条消息编码为“{ $code }”
import-report-refused-heading = 未导入
import-report-refused = { $file }：{ $error }
cases-title = 个案与属性
cases-explain = 单击属性值即可编辑（回车确认，Esc 放弃）；右键单击个案或属性可重命名或删除。所有修改均可撤销。
cases-new-case-hint = 新个案
cases-new-case-label = 新个案的名称
cases-add-case = 添加个案
cases-new-attribute-hint = 新属性
cases-new-attribute-label = 新属性的名称
cases-add-attribute = 添加属性
cases-import-table = 导入表格…
cases-kind-number = 数值
cases-kind-text = 文本
cases-kind-date = 日期
cases-kind-category = 类别
cases-case = 个案
cases-documents = 文档
cases-empty = 还没有个案：请添加，或导入受访者信息表（CSV 或 XLSX，每行一个个案）。
cases-right-click = 右键单击可重命名或删除（F2 重命名）
cases-rename = 重命名…
cases-rename-label = 新名称
cases-delete-case = 删除个案（其文档保留）
cases-delete-attribute = 删除属性及其所有取值
cases-click-to-edit = 单击以编辑
cases-not-number = “{ $text }”不是数值（{ $attribute }）。
cases-not-date = “{ $text }”不是日期，应形如 2024-05-03（{ $attribute }）。
cases-no-documents = 无文档
cases-assign-explain = 单击文档即可将其归入此个案（或移出）。
cases-table-title = 属性表 { $file }
cases-table-matched = 与已有个案匹配的行（{ $count }）：{ $cases }
cases-table-created = 将新建个案的行（{ $count }）：{ $cases }
cases-table-none = 无
cases-table-attribute = 列 { $name }：{ $kind }
cases-table-new-attribute = 列 { $name }：{ $kind }，新属性
cases-table-import = 导入
cases-documents-of = { $case } 的文档
cmd-snap-words = 按整词选择
snap-explain = 用鼠标拖选时自动扩展到整词（中文按整字，表情符号不会被拆开）。拖动时按住 Alt 键可精确选择。
import-map-in-project = 化名对照表 { $path } 位于项目文件夹内：它含有真实姓名，请将其移到项目之外（也不要放进共享的项目副本中）。
import-format = 格式
import-encoding = 字符编码
import-detected = 自动识别
import-in-the-text = 保存后的文本
export-what-matrix = 按编码和群体列出引文（引文矩阵：编码 × 属性取值）
export-matrix-by = 列：
export-matrix-by-cases = 每个个案一列
export-matrix-bin = 分组宽度
export-quotes = 引文：
export-quotes-both = 原文和译文
export-quotes-original = 原文
export-quotes-translation = 译文
export-done-matrix = 已将 { $codes } 个编码、{ $columns } 列的引文写入 { $path }。
export-what-grid = 框架矩阵（个案 × 编码，含您撰写的摘要）
export-what-report = 论文报告（研究方法、编码簿、典型引文、框架矩阵、表格、编码一致性）
export-report-explain = 为论文生成一份英文文档：说明编码材料、编码者及编码者间一致性的研究方法段落；含定义与计数的编码簿；附译文的典型引文；框架矩阵；编码 × 个案表；各编码的一致性。
export-done-report = 已将报告（{ $codes } 个编码、{ $exemplars } 条典型引文、{ $summaries } 条摘要）写入 { $path }。
export-grid-by = 个案分组依据：
export-done-grid = 已将 { $cases } 个个案、{ $codes } 个编码的框架矩阵写入 { $path }。

## 框架矩阵标签页
grid-rows-cases = 行：全部个案
grid-rows-by = 行：按{ $attribute }分组的个案
grid-export = 导出框架矩阵…
grid-export-hover = 将矩阵及其摘要导出为 Word、Excel、HTML 或 Markdown
grid-empty = 尚无个案带有编码片段或摘要。请先在个案表中将文档归入个案，再进行编码。
grid-hint = 每个单元格显示编码片段数及摘要开头。点击单元格可阅读其中的引文并撰写摘要。
grid-cell-title = { $case } × { $code }
grid-your-summary = 您对该单元格的摘要：
grid-summary-hint = 这位个案在这一编码上说了什么？离开输入框时自动保存。
grid-summary-by = { $coder } 的摘要：
grid-unknown-author = 未知编码者
grid-quotes = { $count } 条引文
grid-open-quote = 在转录稿中打开
document-menu-export-html = 导出带编码的文档（HTML）…
document-menu-export-docx = 导出带编码的文档（Word）…
export-done-document = 已将该文档及其 { $count } 个编码片段写入 { $path }。

## Recordings (issue 20)
cmd-document-media = 关联录音
cmd-media = 录音
picker-title-media = 关联录音
picker-filter-media = 录音文件（mp3、m4a、wav、ogg、flac、mp4）
player-missing = 找不到录音 { $path }（已在 { $looked } 查找）。文件可能被移动或改名，请重新定位。
player-locate = 定位…
player-none = 此文档尚未关联录音。
player-no-time = 这段文字在录音中没有时间（所在发言没有时间戳）。
player-no-output-test = 无声音输出（测试）
player-no-output = 此处不播放声音（{ $why }）；播放位置、当前发言的标记和跟随仍然有效。
player-play = ▶ 播放
player-pause = ⏸ 暂停
player-play-hover = 播放或暂停录音（点击发言的时间，或在其文字中按住 Alt 点击，即从该处播放）
player-back = −3 秒
player-forward = +3 秒
player-speed-hover = 播放速度（音调随速度改变）
player-follow = 跟随
player-follow-hover = 让正在播放的发言保持在视野内；自行滚动后即停止跟随
player-position = 录音中的位置
player-waveform-pending = 正在读取录音以绘制波形…
player-linked = 已关联录音 { $path }。
player-link-failed = 无法关联录音：{ $error }
document-prop-recording = 录音
document-recording-link = 关联录音…
document-recording-change = 重新定位或更换…
document-recording-unlink = 取消关联
inspector-coding-time = 录音中：{ $from }–{ $to }
inspector-play-coding = ▶ 播放此编码片段
import-media = 录音
import-media-hint = 转录稿对应的录音（可选；仅导入一个文件时）
import-media-label = 转录稿的录音
import-media-one = 一段录音只对应一份转录稿：请逐个导入文件，分别关联各自的录音。
player-browse = 浏览…
cmd-transcribe = 转录
player-transcribe = 转录
player-transcribe-hover = 一边播放录音一边输入转录稿；用按键播放、暂停、后退，并插入当前时间和说话人标签
transcription-interviewer = 访谈者
transcription-keys = { $play }：播放或暂停 · { $rewind }：后退 { $seconds } 秒 · { $stamp }：插入时间 · { $speaker }：插入下一位说话人。形如“[00:12:03] 姓名：……”的一行即成为一段发言。
transcription-hint = [00:00:05] 访谈者：……
transcription-done = 完成
transcription-unsaved = （停止输入片刻后自动保存）
transcription-coded = 此文档已有编码片段，不能再重新转录其文字。

## Editing text (issue 16)
cmd-edit-text = 编辑文本
cmd-replace-all = 全部替换
cmd-replace-name = 全文替换人名
cmd-find-replace = 查找和替换…
cmd-replace-name-dialog = 全文替换人名…
edit-mode-explain = 直接修改文档文本。编码片段、发言和消息随文本一起移动；退出编辑模式之前不能编码。
edit-mode-on = ✏ 正在编辑文本。编码片段随每处修改移动；此时不能编码。
edit-mode-leave = 完成编辑
edit-click-a-row = 点击一段发言、一条消息或一个段落，即可编辑其文本。
edit-row-title = 正在编辑{ $what }
edit-row-turn = 第 { $n } 段发言或消息（{ $speaker }）
edit-row-paragraph = 第 { $start } 字处的段落
edit-coding-off = 编辑文本时不能编码（文档 › 编辑文本）。
notice-codings-removed = 有 { $count } 个编码片段的文字已被全部删除，这些编码片段随之移除。可用 Ctrl+Z 撤销并恢复。
notice-replaced = 已替换 { $count } 处。可用 Ctrl+Z 撤销。
replace-title = 查找和替换
replace-find = 查找
replace-with = 替换为
replace-whole-word = 全词匹配
replace-regex = 正则表达式
replace-regex-groups = 替换内容中，$1、$2 …… 代表括号 ( ) 内各分组匹配到的文字；$$ 表示美元符号本身。
replace-scope-document = 当前文档
replace-scope-all = 所有文档
replace-preview = 在 { $documents } 个文档中找到 { $count } 处。
replace-skipped = 有 { $count } 处跨越了发言或消息的开头、结尾或其标签，将保持原样。
replace-none = 没有找到。
replace-button = 全部替换
name-title = 全文替换人名
name-name = 人名
name-map = 化名对照表（CSV）
name-load-forms = 从对照表读取其他写法
name-map-unknown = 化名对照表中没有“{ $name }”。
name-forms = 其他写法（每行一个）
name-with = 替换为
name-preview-document = { $name }
name-preview-memo = 备忘录“{ $title }”
name-preview-notes = 编码片段的注释和译文
name-preview-case = 个案“{ $name }”
name-total = 共 { $count } 处，涉及文本、文档名、发言人、备忘录和注释；作为一步操作，可一次撤销。
name-button = 全部替换
document-prop-hash-edited = 文本已被编辑；新的哈希值在保存时写入。
document-prop-edits = 在 Margin 中的编辑
document-prop-edit = { $when }，{ $who }：删除 { $removed } 字，插入 { $inserted } 字
