# web messages (en). Keys are shared by both languages.
