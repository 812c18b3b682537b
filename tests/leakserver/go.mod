module gostacks/tests/leakserver

go 1.19
