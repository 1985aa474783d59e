"""The 主动治理 tab: surges, chronic problems and the seasonal watch list, and the tasks made from them."""
