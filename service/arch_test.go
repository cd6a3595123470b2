package service_test

import (
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/linkvet/linkvet"

// TestArchitectureDocMatchesGoList holds the package dependency list of
// docs/architecture.md against what go list reports, so that the document
// cannot drift from the code.
func TestArchitectureDocMatchesGoList(t *testing.T) {
	doc, err := os.ReadFile("../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	begin, end := strings.Index(text, "<!-- deps:begin -->"), strings.Index(text, "<!-- deps:end -->")
	if begin < 0 || end < begin {
		t.Fatal("docs/architecture.md has no deps:begin / deps:end block")
	}
	documented := map[string]string{}
	line := regexp.MustCompile("^- `([^`]+)`(?: \\(the root\\))? → (.*)$")
	for _, l := range strings.Split(text[begin:end], "\n") {
		m := line.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		documented[m[1]] = normalize(m[2])
	}

	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}:{{join .Imports \" \"}}", module+"/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	actual := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(l, ":")
		var deps []string
		for _, imp := range strings.Fields(imports) {
			if imp == module || strings.HasPrefix(imp, module+"/") {
				deps = append(deps, short(imp))
			}
		}
		actual[short(pkg)] = normalize(strings.Join(deps, ", "))
	}
	var want []string
	for pkg, deps := range actual {
		shown := deps
		if shown == "" {
			shown = "nothing"
		}
		want = append(want, "- `"+pkg+"` → "+shown)
		if got, ok := documented[pkg]; !ok {
			t.Errorf("package %s is missing from docs/architecture.md", pkg)
		} else if got != deps {
			t.Errorf("docs/architecture.md says %s → %q, go list says %q", pkg, got, deps)
		}
	}
	for pkg := range documented {
		if _, ok := actual[pkg]; !ok {
			t.Errorf("docs/architecture.md lists %s, which go list does not know", pkg)
		}
	}
	if t.Failed() {
		sort.Strings(want)
		t.Logf("the list as go list has it:\n%s", strings.Join(want, "\n"))
	}
}

func short(pkg string) string {
	if pkg == module {
		return "linkvet"
	}
	return strings.TrimPrefix(pkg, module+"/")
}

// normalize sorts a comma-separated list of `pkg` names; "nothing" is empty.
func normalize(list string) string {
	list = strings.ReplaceAll(list, "`", "")
	if strings.TrimSpace(list) == "nothing" {
		return ""
	}
	var items []string
	for _, it := range strings.Split(list, ",") {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	sort.Strings(items)
	return strings.Join(items, ", ")
}
