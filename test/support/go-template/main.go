// Command go-template renders a template file with Go's text/template (the
// engine Helm's tpl uses) and a JSON object of data, as the reference for our
// TypeScript subset. Usage: go-template TEMPLATE_FILE JSON
package main

import (
	"encoding/json"
	"fmt"
	"io/ioutil"
	"os"
	"text/template"
)

func main() {
	text, err := ioutil.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var data map[string]interface{}
	if err := json.Unmarshal([]byte(os.Args[2]), &data); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	t := template.Must(template.New("t").Option("missingkey=error").Parse(string(text)))
	if err := t.Execute(os.Stdout, data); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
