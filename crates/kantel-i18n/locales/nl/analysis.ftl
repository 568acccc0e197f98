# analysis messages: warnings, step failures, reasons (nl). Keys are shared by both languages.
