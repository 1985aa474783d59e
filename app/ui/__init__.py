"""The Qt interface: windows, tabs, item models and workers. It never writes SQL; it calls app.services."""
