module gostacks/samples/gen

go 1.19
