"""The cases tab (工单): table, filters, detail, action dialogs."""
