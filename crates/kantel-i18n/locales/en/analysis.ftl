# analysis messages: warnings, step failures, reasons (en). Keys are shared by both languages.
