module gostacks/tests/faultserver

go 1.19
