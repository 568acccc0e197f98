# Dashboard, researcher and contact pages, and their workflows (nl). Keys web-d-* (pages)
# and wf-d-* (workflow messages); the same keys as en/dashboard.ftl.
