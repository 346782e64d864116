// Command helm-template renders a Helm v3 chart as `helm template` does, with
// Helm's own engine: Go's text/template, the sprig function library (Debian's
// golang-github-masterminds-sprig-dev, the version Helm 3 ships) and Helm's
// extra functions (include, tpl, required, toYaml, fromYaml, toJson, fromJson,
// lookup), over .Values (values.yaml merged with overrides, then checked
// against values.schema.json as Helm does), .Release, .Chart, .Capabilities,
// .Files and .Template. No helm binary can be installed here.
//
// Usage: helm-template CHART_DIR [-f VALUES_FILE]... [--name RELEASE] [--namespace NS] [--kube-version v1.29.0]
//
// Prints the rendered documents in Helm's install order (by kind, order.go),
// each after "---\n# Source: CHART/templates/FILE"; documents that are only
// whitespace or comments are left out, as Helm does.
// Errors (a bad template, `required`, `fail`) go to stderr as
// "Error: execution error at (CHART/templates/FILE:LINE:COL): MESSAGE", exit 1.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/semver"
	"github.com/Masterminds/sprig"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "Error: "+err.Error())
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 1 {
		return fmt.Errorf("usage: helm-template CHART_DIR [-f VALUES]... [--name R] [--namespace NS] [--kube-version V]")
	}
	dir := args[0]
	release := map[string]interface{}{"Name": "release-name", "Namespace": "default", "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1}
	kubeVersion := "v1.29.0"
	var overrides []string
	for i := 1; i < len(args); i += 2 {
		if i+1 >= len(args) {
			return fmt.Errorf("flag %s needs a value", args[i])
		}
		switch args[i] {
		case "-f", "--values":
			overrides = append(overrides, args[i+1])
		case "--name":
			release["Name"] = args[i+1]
		case "--namespace":
			release["Namespace"] = args[i+1]
		case "--kube-version":
			kubeVersion = args[i+1]
		default:
			return fmt.Errorf("unknown flag %s", args[i])
		}
	}
	chart, err := loadChart(dir)
	if err != nil {
		return err
	}
	values, err := readValues(filepath.Join(dir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, file := range overrides {
		v, err := readValues(file)
		if err != nil {
			return err
		}
		values = coalesce(v, values)
	}
	if _, err := semver.NewVersion(chart["Version"].(string)); err != nil {
		return fmt.Errorf("validation: chart.metadata.version %q is invalid", chart["Version"])
	}
	if constraint, _ := chart["KubeVersion"].(string); constraint != "" {
		c, err := semver.NewConstraint(constraint)
		if err != nil {
			return fmt.Errorf("Chart.yaml: kubeVersion %q: %v", constraint, err)
		}
		v, err := semver.NewVersion(kubeVersion)
		if err != nil || !c.Check(v) {
			return fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", constraint, kubeVersion)
		}
	}
	if err := validateSchema(dir, chart["Name"].(string), values); err != nil {
		return err
	}
	data := map[string]interface{}{
		"Values":       values,
		"Release":      release,
		"Chart":        chart,
		"Capabilities": capabilities(kubeVersion),
		"Files":        files{dir: dir},
	}
	out, err := render(dir, chart["Name"].(string), data)
	if err != nil {
		return err
	}
	fmt.Print(out)
	return nil
}

// render parses every file under templates/ into one set (partials included,
// so `define`s are shared) and executes each non-partial one.
func render(dir, chartName string, data map[string]interface{}) (string, error) {
	var names []string
	err := filepath.Walk(filepath.Join(dir, "templates"), func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, rel)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	root := template.New("gotpl").Option("missingkey=zero")
	root.Funcs(funcMap(root))
	for _, rel := range names {
		text, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			return "", err
		}
		if _, err := root.New(chartName + "/" + rel).Parse(string(text)); err != nil {
			return "", cleanError(err)
		}
	}
	var docs []manifest
	for _, rel := range names {
		base := filepath.Base(rel)
		if strings.HasPrefix(base, "_") {
			continue
		}
		name := chartName + "/" + rel
		scoped := map[string]interface{}{}
		for k, v := range data {
			scoped[k] = v
		}
		scoped["Template"] = map[string]interface{}{"Name": name, "BasePath": chartName + "/templates"}
		var buf strings.Builder
		if err := root.ExecuteTemplate(&buf, name, scoped); err != nil {
			return "", cleanError(err)
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		// NOTES.txt is rendered (an error in it fails `helm install`) but, as in `helm template`, not printed.
		if strings.HasSuffix(base, ".txt") {
			continue
		}
		docs = append(docs, splitManifests(name, text)...)
	}
	sortByInstallOrder(docs)
	var out strings.Builder
	for _, d := range docs {
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", d.source, d.text)
	}
	return out.String(), nil
}

var execError = regexp.MustCompile(`^template: (.*?): executing ".*?" at <.*?>: error calling (?:required|fail): (.*)$`)

// cleanError turns an error of `required` or `fail` into Helm's wording.
func cleanError(err error) error {
	msg := err.Error()
	if m := execError.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("execution error at (%s): %s", m[1], m[2])
	}
	return err
}

// funcMap is sprig's text/template functions without env/expandenv (Helm
// removes them) plus Helm's own; include and tpl close over the template set.
func funcMap(root *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	for k, v := range helmFuncs() {
		f[k] = v
	}
	f["include"] = func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		// Helm before 3.14 (engine.go until "Speed up tpl") reads Template.BasePath and
		// Template.Name from tpl's data and fails without them; check it as they do, so a
		// chart that passes here also renders on those versions.
		for _, field := range []string{"BasePath", "Name"} {
			m, _ := data.(map[string]interface{})
			tm, _ := m["Template"].(map[string]interface{})
			if _, ok := tm[field].(string); !ok {
				return "", fmt.Errorf("cannot retrieve Template.%s from values inside tpl function: %s: %q is not a value", strings.Replace(field, "BasePath", "Basepath", 1), text, field)
			}
		}
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %v", text, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	return f
}
