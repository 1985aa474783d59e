"""SQLAlchemy tables of the console. Tables only: no Qt, no business rules."""
from app.models.base import Base
from app.models.cases import Callback, CallbackClaim, Case, CaseEvent, CaseNumberCounter
from app.models.governance import ProactiveTask, Season, SeasonCategory, TaskEvent, TopicPlan, TopicPlanStreet
from app.models.knowledge import (
    KnowledgeAnswer,
    KnowledgeArticle,
    KnowledgeArticleVersion,
    KnowledgeSynonym,
)
from app.models.routing import RoutingCount
from app.models.rules import DeadlineRule, ScoringRule, Setting
from app.models.staff import ROLES, AccessLog, Staff
from app.models.stats import COUNTERS, StatDaily, StatMonthlyCategory, StatMonthlyUnit, StatPlace
from app.models.units import UNIT_KIND_LEVEL, Category, KeyTopic, Unit

__all__ = [
    "Base", "Callback", "CallbackClaim", "Case", "CaseEvent", "CaseNumberCounter", "DeadlineRule", "ScoringRule", "Setting",
    "Season", "SeasonCategory", "ProactiveTask", "TaskEvent", "TopicPlan", "TopicPlanStreet",
    "RoutingCount", "ROLES", "AccessLog", "Staff", "COUNTERS", "StatDaily", "StatMonthlyCategory", "StatMonthlyUnit", "StatPlace",
    "UNIT_KIND_LEVEL", "Category", "KeyTopic", "Unit",
    "KnowledgeAnswer", "KnowledgeArticle", "KnowledgeArticleVersion", "KnowledgeSynonym",
]
