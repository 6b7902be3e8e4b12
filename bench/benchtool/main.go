// Command benchtool is the benchmark suite's helper: it seeds a database
// with a generated corpus, serves fixed bytes from memory as the floor a
// Go server can reach, and measures comment submissions and the
// publish-to-visible delay between two servers. bench/run.sh drives it.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "cách dùng: benchtool seed|floor|comments|visible [cờ]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "seed":
		err = seed(ctx, os.Args[2:])
	case "floor":
		err = floor(ctx, os.Args[2:])
	case "comments":
		err = comments(ctx, os.Args[2:])
	case "visible":
		err = visible(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("không có lệnh %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
}
