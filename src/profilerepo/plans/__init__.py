"""The success plan: the plan, its goals and their data points, services and the service
log, progress reports and the family's replies, the decision rules and the chart.

Everything here is domain: it imports nothing from the views.
"""
