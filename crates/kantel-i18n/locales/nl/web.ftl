# web messages (nl). Keys are shared by both languages.
