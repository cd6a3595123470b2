package main
import (
 _ "cel.dev/cel-go/cel"
 _ "modernc.org/sqlite"
 _ "golang.org/x/text/unicode/norm"
 _ "golang.org/x/text/secure/precis"
 _ "github.com/spf13/cobra"
 _ "github.com/rogpeppe/go-internal/testscript"
 _ "github.com/chromedp/chromedp"
 _ "gopkg.in/yaml.v3"
 _ "github.com/schollz/progressbar/v3"
 _ "golang.org/x/term"
)
func main(){}
