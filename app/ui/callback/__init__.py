"""The callback tab (回访): the queue of replied cases, the case to call, the three questions, the clerk's day."""
from app.ui.callback.tab import CallbackTab

__all__ = ["CallbackTab"]
