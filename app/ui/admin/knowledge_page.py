"""知识库 (administration tab): write and review the articles receptionists read out at intake, and the synonyms.

Articles: create (a draft), save (a new version), publish, retire; the published articles past their last
day no longer show at intake and are listed here for review (renew or retire). Each field says its own
problem under it. After every change the knowledge index of this workstation is looked at again
(`knowledge.CACHE.invalidate`); other workstations see the change within a few seconds.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.messages import problem_text
from app.services import clock, knowledge
from app.services.errors import FieldProblem, ValidationFailed
from app.services.knowledge import Article, ArticleInput
from app.ui.admin.page import AdminPage
from app.ui.context import AppContext
from app.ui.pickers import NamePicker, place_index
from app.ui.rows_model import RowsModel

# the page's field label for each FieldProblem.field
FIELDS = ("article_title", "keywords", "categories", "owner_unit", "valid_from", "valid_to", "article_answer",
          "article_source")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


class KnowledgePage(AdminPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, "knowledgePage", parent)
        self.setWindowTitle(self.tr("知识库"))
        self.articles: list[Article] = []
        self.editing: Article | None = None
        self.states = {"draft": self.tr("草稿"), "published": self.tr("已发布"), "retired": self.tr("已停用")}
        self.model = RowsModel([
            (self.tr("标题"), lambda a: a.title), (self.tr("状态"), self._state_text),
            (self.tr("版本"), lambda a: str(a.version)),
            (self.tr("有效期"), lambda a: f"{a.valid_from:%Y-%m-%d} – " + (f"{a.valid_to:%Y-%m-%d}" if a.valid_to
                                                                           else self.tr("长期"))),
            (self.tr("适用分类"), lambda a: "、".join(self._category_name(c) for c in a.category_ids)),
            (self.tr("更新时间"), lambda a: f"{a.updated_at:%Y-%m-%d %H:%M}"),
        ], self)
        self.show_filter = QComboBox(self, objectName="knowledgeFilter")
        for code, label in (("all", self.tr("全部条目")), ("review", self.tr("待复核(已过有效期)")),
                            ("draft", self.tr("草稿")), ("published", self.tr("已发布")), ("retired", self.tr("已停用"))):
            self.show_filter.addItem(label, code)
        self.show_filter.currentIndexChanged.connect(lambda _i: self._fill_table())
        self.review_note = QLabel(self, objectName="knowledgeReviewNote")
        self.review_note.setStyleSheet("color: #8a5a00; font-weight: bold")
        self.view = self.table(self, "knowledgeTable", self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_selection())

        self.title = QLineEdit(objectName="articleTitle")
        self.keywords = QLineEdit(objectName="articleKeywords", placeholderText=self.tr("用空格、逗号或顿号分隔,如 居住证、签注"))
        self.categories = QListWidget(objectName="articleCategories")
        self.categories.setMaximumHeight(120)
        self._fill_categories(ctx.directory)
        ctx.reference.changed.connect(self._fill_categories)
        self.owner = NamePicker(lambda q: place_index(ctx.directory).find_handlers(q), self.tr("负责解释的单位(可不填)"), self)
        self.owner.setObjectName("articleOwner")
        self.valid_from = QDateEdit(objectName="articleValidFrom", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.valid_to = QDateEdit(objectName="articleValidTo", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.no_end = QCheckBox(self.tr("长期有效"), objectName="articleNoEnd")
        self.no_end.toggled.connect(lambda on: self.valid_to.setEnabled(not on))
        self.answer = QPlainTextEdit(objectName="articleAnswer")
        self.answer.setTabChangesFocus(True)
        self.answer.setPlaceholderText(self.tr("接线员在电话中读给来电人的答复"))
        self.source = QLineEdit(objectName="articleSource", placeholderText=self.tr("政策文件名称、文号或网址"))
        self.errors: dict[str, QLabel] = {}
        edit = QGroupBox(self.tr("所选条目"))
        form = QFormLayout(edit)
        valid_row = QHBoxLayout()
        valid_row.addWidget(self.valid_from)
        valid_row.addWidget(QLabel(self.tr("至")))
        valid_row.addWidget(self.valid_to)
        valid_row.addWidget(self.no_end)
        valid_row.addStretch(1)
        for label, key, widget in ((self.tr("标题(&T)"), "article_title", self.title),
                                   (self.tr("关键词(&K)"), "keywords", self.keywords),
                                   (self.tr("适用分类(&C)"), "categories", self.categories),
                                   (self.tr("负责单位(&U)"), "owner_unit", self.owner),
                                   (self.tr("有效期"), "valid_from", valid_row),
                                   (self.tr("答复口径(&A)"), "article_answer", self.answer),
                                   (self.tr("政策依据(&O)"), "article_source", self.source)):
            form.addRow(label, widget)
            error = QLabel(objectName=f"{key}Error")
            error.setStyleSheet("color: #b3261e")
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            form.addRow("", error)
        self.errors["valid_to"] = self.errors["valid_from"]  # one line for the two dates
        self.new_button = QPushButton(self.tr("新建条目(&N)"), objectName="newArticleButton")
        self.save_button = QPushButton(self.tr("保存(&S)"), objectName="saveArticleButton")
        self.publish_button = QPushButton(self.tr("发布(&P)"), objectName="publishArticleButton")
        self.retire_button = QPushButton(self.tr("停用(&R)"), objectName="retireArticleButton")
        self.new_button.clicked.connect(self._new)
        self.save_button.clicked.connect(self._save)
        self.publish_button.clicked.connect(lambda: self._change(knowledge.publish_article, self.tr("已发布“{title}”")))
        self.retire_button.clicked.connect(lambda: self._change(knowledge.retire_article, self.tr("已停用“{title}”")))
        buttons = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.publish_button, self.retire_button):
            buttons.addWidget(b)
        form.addRow(buttons)
        self.history = QListWidget(objectName="articleHistory")
        self.history.setMaximumHeight(100)
        form.addRow(self.tr("修改记录"), self.history)

        articles = QWidget(self)
        left = QVBoxLayout(articles)
        top = QHBoxLayout()
        top.addWidget(self.show_filter)
        top.addWidget(self.review_note, 1)
        left.addLayout(top)
        left.addWidget(self.view)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(edit)
        side_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(articles)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.sections = QTabWidget(self, objectName="knowledgeSections")
        self.sections.addTab(splitter, self.tr("条目"))
        self.sections.addTab(self._synonyms_section(), self.tr("同义词"))
        self.sections.addTab(self._measures_section(), self.tr("成效"))
        self.sections.currentChanged.connect(lambda i: i == 2 and self.load_measures())
        layout = QVBoxLayout(self)
        layout.addWidget(self.sections)
        self._new()

    # ------------------------------------------------------------ measures

    def _measures_section(self) -> QWidget:
        box = QWidget(self)
        self.months = QComboBox(box, objectName="measuresMonths")
        for n in (3, 6, 12, 24):
            self.months.addItem(self.tr("近 {n} 个月受理的工单", "", n).format(n=n), n)
        self.months.setCurrentIndex(2)
        self.months.currentIndexChanged.connect(lambda _i: self.load_measures())
        self.measures_note = QLabel(box, objectName="measuresNote")
        self.measures_note.setWordWrap(True)
        self.share_model = RowsModel([
            (self.tr("月份"), lambda r: f"{r.month:%Y-%m}"), (self.tr("咨询件数"), lambda r: str(r.consultations)),
            (self.tr("直接答复"), lambda r: str(r.answered)),
            (self.tr("直接答复率"), lambda r: f"{r.share:.1%}" if r.share is not None else "–"),
            (self.tr("引用知识条目"), lambda r: str(r.from_articles)),
        ], box, right_aligned=frozenset({1, 2, 3, 4}))
        self.use_model = RowsModel([
            (self.tr("条目"), lambda u: u.title), (self.tr("状态"), lambda u: self.states.get(u.status, u.status)),
            (self.tr("引用次数"), lambda u: str(u.uses)), (self.tr("回访接通"), lambda u: str(u.reached)),
            (self.tr("满意"), lambda u: str(u.satisfied)), (self.tr("基本满意"), lambda u: str(u.basic)),
            (self.tr("不满意"), lambda u: str(u.unsatisfied)),
            (self.tr("满意率"), lambda u: f"{u.satisfaction:.1%}" if u.satisfaction is not None else "–"),
        ], box, right_aligned=frozenset({2, 3, 4, 5, 6, 7}))
        self.gap_model = RowsModel([
            (self.tr("诉求分类"), lambda g: g.category_name), (self.tr("咨询件数"), lambda g: str(g.consultations)),
            (self.tr("派单(未直接答复)"), lambda g: str(g.dispatched)), (self.tr("直接答复"), lambda g: str(g.answered)),
        ], box, right_aligned=frozenset({1, 2, 3}))
        layout = QVBoxLayout(box)
        top = QHBoxLayout()
        top.addWidget(self.months)
        top.addWidget(self.measures_note, 1)
        layout.addLayout(top)
        for title, name, model in ((self.tr("咨询的直接答复率(按受理月份)"), "answerShareTable", self.share_model),
                                   (self.tr("各条目的引用次数与回访满意度"), "articleUseTable", self.use_model),
                                   (self.tr("知识缺口:常被派单而非直接答复、且没有有效条目的咨询分类"), "knowledgeGapTable",
                                    self.gap_model)):
            label = QLabel(title, box)
            label.setStyleSheet("font-weight: bold")
            layout.addWidget(label)
            layout.addWidget(self.table(box, name, model), 1)
        return box

    def load_measures(self) -> None:
        end = clock.today()
        months = self.months.currentData()
        first = date(end.year, end.month, 1)
        for _ in range(months - 1):
            first = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
        self.measures_note.setText(self.tr("正在计算…"))
        self.jobs.start(knowledge.measures, self.ctx.read_sf, first, end, latest_only=True,
                        on_done=self._show_measures, on_error=self.show_error)

    def _show_measures(self, m) -> None:
        self.share_model.set_rows(m.by_month)
        self.use_model.set_rows(m.articles)
        self.gap_model.set_rows(m.gaps)
        consultations = sum(r.consultations for r in m.by_month)
        answered = sum(r.answered for r in m.by_month)
        self.measures_note.setText(self.tr("{start} 至 {end}:咨询 {n} 件,直接答复 {a} 件({share}),其中引用知识条目 {k} 件").format(
            start=f"{m.start:%Y-%m-%d}", end=f"{m.end:%Y-%m-%d}", n=consultations, a=answered,
            share=f"{answered / consultations:.1%}" if consultations else "–", k=sum(r.from_articles for r in m.by_month)))

    # ------------------------------------------------------------ synonyms

    def _synonyms_section(self) -> QWidget:
        box = QWidget(self)
        self.synonyms = QListWidget(box, objectName="synonymList")
        self.synonym_term = QLineEdit(box, objectName="synonymTerm", placeholderText=self.tr("来电人的说法,如 暂住证"))
        self.synonym_means = QLineEdit(box, objectName="synonymMeans", placeholderText=self.tr("条目中的说法,如 居住证"))
        self.synonym_error = QLabel(box, objectName="synonymError")
        self.synonym_error.setStyleSheet("color: #b3261e")
        add = QPushButton(self.tr("添加同义词(&D)"), box, objectName="addSynonymButton")
        remove = QPushButton(self.tr("删除所选(&E)"), box, objectName="removeSynonymButton")
        add.clicked.connect(self._add_synonym)
        remove.clicked.connect(self._remove_synonym)
        row = QHBoxLayout()
        row.addWidget(self.synonym_term)
        row.addWidget(QLabel(self.tr("即"), box))
        row.addWidget(self.synonym_means)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(box)
        layout.addWidget(QLabel(self.tr("来电人的说法与条目中的说法不同时,在此添加:匹配时两者视为同一个词"), box))
        layout.addLayout(row)
        layout.addWidget(self.synonym_error)
        layout.addWidget(self.synonyms)
        return box

    def _load_synonyms(self) -> None:
        self.jobs.start(knowledge.list_synonyms, self.ctx.read_sf, on_done=self._show_synonyms, on_error=self.show_error)

    def _show_synonyms(self, rows) -> None:
        self.synonyms.clear()
        for syn in rows:
            item = QListWidgetItem(f"{syn.term} → {syn.means}", self.synonyms)
            item.setData(Qt.ItemDataRole.UserRole, syn.id)

    def _add_synonym(self) -> None:
        def added(syn) -> None:
            knowledge.CACHE.invalidate()
            self.synonym_term.clear()
            self.synonym_means.clear()
            self.synonym_error.setText("")
            self.show_info(self.tr("已添加同义词 {term} → {means}").format(term=syn.term, means=syn.means))
            self._load_synonyms()

        def failed(exc: Exception) -> None:
            self.setEnabled(True)
            self.message.setText("")
            if isinstance(exc, ValidationFailed):
                self.synonym_error.setText(";".join(problem_text(p) for p in exc.problems))
                (self.synonym_means if exc.problems[0].field == "synonym_means" else self.synonym_term).setFocus()
            else:
                self.show_error(exc)

        self.setEnabled(False)
        self.jobs.start(knowledge.add_synonym, self.ctx.sf, self.ctx.actor, self.synonym_term.text(),
                        self.synonym_means.text(), on_done=lambda syn: (self.setEnabled(True), added(syn)),
                        on_error=failed)

    def _remove_synonym(self) -> None:
        item = self.synonyms.currentItem()
        if item is None:
            self.synonym_error.setText(self.tr("请先在列表中选择要删除的同义词"))
            return

        def removed(_none) -> None:
            knowledge.CACHE.invalidate()
            self._load_synonyms()

        self.run(knowledge.remove_synonym, self.ctx.sf, self.ctx.actor, item.data(Qt.ItemDataRole.UserRole),
                 on_done=removed)

    # ------------------------------------------------------------ articles

    def _category_name(self, category_id: int) -> str:
        c = self.ctx.directory.categories.get(category_id)
        return c.name if c else str(category_id)

    def _state_text(self, a: Article) -> str:
        if a.needs_review(clock.today()):
            return self.tr("已发布(已过期,待复核)")
        return self.states.get(a.status, a.status)

    def _fill_categories(self, directory) -> None:
        checked = set(self._chosen_categories()) if self.categories.count() else set()
        self.categories.clear()
        for c in directory.leaf_categories():
            item = QListWidgetItem(c.name, self.categories)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.id in checked else Qt.CheckState.Unchecked)
        self.model.layoutChanged.emit()

    def _chosen_categories(self) -> list[int]:
        return [self.categories.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.categories.count())
                if self.categories.item(i).checkState() == Qt.CheckState.Checked]

    def refresh(self) -> None:
        self.run(knowledge.list_articles, self.ctx.read_sf, on_done=self._loaded)
        self._load_synonyms()

    def _loaded(self, rows: list[Article]) -> None:
        self.articles = rows
        review = [a for a in rows if a.needs_review(clock.today())]
        self.review_note.setText(self.tr("{n} 条已发布条目已过有效期,不再在受理时显示,请复核(续期或停用)").format(n=len(review))
                                 if review else "")
        self._fill_table()

    def _fill_table(self) -> None:
        shown = self.show_filter.currentData()
        today = clock.today()
        rows = [a for a in self.articles if shown == "all" or (shown == "review" and a.needs_review(today))
                or a.status == shown]
        editing = self.editing.id if self.editing else None
        self.model.set_rows(rows)
        i = self.model.find(lambda a: a.id == editing)
        if i >= 0:
            self.view.selectRow(i)

    def _show_selection(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        a: Article = self.model.row(rows[0].row())
        self.editing = a
        self.title.setText(a.title)
        self.keywords.setText("、".join(a.keywords))
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in a.category_ids
                               else Qt.CheckState.Unchecked)
        owner = self.ctx.directory.units.get(a.owner_unit_id) if a.owner_unit_id else None
        self.owner.set_value(a.owner_unit_id, owner.name if owner else "")
        self.valid_from.setDate(_qdate(a.valid_from))
        self.no_end.setChecked(a.valid_to is None)
        self.valid_to.setDate(_qdate(a.valid_to or a.valid_from))
        self.answer.setPlainText(a.answer)
        self.source.setText(a.source)
        self._show_problems([])
        self._update_buttons()
        self.jobs.start(knowledge.article_versions, self.ctx.read_sf, a.id, latest_only=True,
                        on_done=self._show_history, on_error=self.show_error)

    def _show_history(self, versions) -> None:
        self.history.clear()
        actions = {"create": self.tr("新建"), "edit": self.tr("修改"), "publish": self.tr("发布"), "retire": self.tr("停用")}
        for v in versions:
            self.history.addItem(self.tr("第 {version} 版 {at} {action} {who}").format(
                version=v.version, at=f"{v.at:%Y-%m-%d %H:%M}", action=actions.get(v.action, v.action),
                who=v.actor_name or self.tr("系统")))

    def _update_buttons(self) -> None:
        a = self.editing
        self.publish_button.setEnabled(a is not None and a.status != "published")
        self.retire_button.setEnabled(a is not None and a.status != "retired")
        self.save_button.setText(self.tr("保存为新版本(&S)") if a else self.tr("保存为草稿(&S)"))

    def _new(self) -> None:
        self.view.clearSelection()
        self.editing = None
        for w in (self.title, self.keywords, self.source):
            w.clear()
        self.answer.clear()
        self.owner.set_value(None, "")
        for i in range(self.categories.count()):
            self.categories.item(i).setCheckState(Qt.CheckState.Unchecked)
        today = clock.today()
        self.valid_from.setDate(_qdate(today))
        self.valid_to.setDate(_qdate(date(today.year, 12, 31)))
        self.no_end.setChecked(False)
        self.history.clear()
        self._show_problems([])
        self._update_buttons()
        self.title.setFocus()

    def article_input(self) -> ArticleInput:
        return ArticleInput(title=self.title.text(), answer=self.answer.toPlainText(), source=self.source.text(),
                            valid_from=_pydate(self.valid_from.date()),
                            valid_to=None if self.no_end.isChecked() else _pydate(self.valid_to.date()),
                            keywords=self.keywords.text(), category_ids=self._chosen_categories(),
                            owner_unit_id=self.owner.value)

    def _show_problems(self, problems) -> None:
        texts: dict[str, str] = {}
        for p in problems:
            key = p.field if p.field in self.errors else None
            if key is not None and key not in texts:
                texts[key] = problem_text(p)
        for key, label in self.errors.items():
            if key == "valid_to":
                continue
            text = texts.get(key) or (texts.get("valid_to", "") if key == "valid_from" else "")
            label.setText(text)
            label.setVisible(bool(text))
        focus = {"article_title": self.title, "keywords": self.keywords, "categories": self.categories,
                 "owner_unit": self.owner, "valid_from": self.valid_from, "valid_to": self.valid_to,
                 "article_answer": self.answer, "article_source": self.source}
        first = next((focus[p.field] for p in problems if p.field in focus), None)
        if first is not None:
            first.setFocus()

    def _failed(self, exc: Exception) -> None:
        self.show_error(exc)
        if isinstance(exc, ValidationFailed):
            self._show_problems(exc.problems)
            if not any(p.field in self.errors for p in exc.problems):
                return
            self.message.setText(self.tr("未保存:请按各项下方的提示修改"))

    def _done(self, article: Article, text: str) -> None:
        knowledge.CACHE.invalidate()
        self.editing = article
        self._show_problems([])
        self._update_buttons()
        self.setEnabled(True)
        self.show_info(text.format(title=article.title, version=article.version))
        self.jobs.start(knowledge.list_articles, self.ctx.read_sf, on_done=self._loaded, on_error=self.show_error)
        self.jobs.start(knowledge.article_versions, self.ctx.read_sf, article.id, on_done=self._show_history,
                        on_error=self.show_error)

    def _start(self, fn, *args, text: str) -> None:
        self.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("正在保存…"))
        self.jobs.start(fn, self.ctx.sf, self.ctx.actor, *args, on_done=lambda a: self._done(a, text),
                        on_error=lambda exc: (self.setEnabled(True), self._failed(exc)))

    def _save(self) -> None:
        typed = self.owner.text().strip()
        if typed and self.owner.value is None:  # a name typed but not picked: no unit of that name
            self._show_problems([FieldProblem("owner_unit", "unknown", typed)])
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(self.tr("未保存:请按各项下方的提示修改"))
            return
        if self.editing is None:
            self._start(knowledge.create_article, self.article_input(), text=self.tr("已保存草稿“{title}”,发布后在受理时显示"))
        else:
            self._start(knowledge.edit_article, self.editing.id, self.article_input(), self.editing.version,
                        text=self.tr("已保存“{title}”第 {version} 版"))

    def _change(self, fn, text: str) -> None:
        if self.editing is not None:
            self._start(fn, self.editing.id, self.editing.version, text=text)
