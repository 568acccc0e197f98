# Dashboard, researcher and contact pages, and their workflows (en). Keys web-d-* (pages)
# and wf-d-* (workflow messages); the same keys as nl/dashboard.ftl.
