package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v2"
)

// helmFuncs are Helm's template functions beyond sprig (helm.sh/helm/v3/pkg/engine/funcs.go),
// written here with the same behaviour: YAML goes through JSON as sigs.k8s.io/yaml does.
func helmFuncs() map[string]interface{} {
	return map[string]interface{}{
		"toYaml": func(v interface{}) string {
			out, err := toYAML(v)
			if err != nil {
				return ""
			}
			return strings.TrimSuffix(out, "\n")
		},
		"fromYaml": func(text string) map[string]interface{} {
			m := map[string]interface{}{}
			if err := fromYAML([]byte(text), &m); err != nil {
				m["Error"] = err.Error()
			}
			return m
		},
		"toJson": func(v interface{}) string {
			out, err := json.Marshal(v)
			if err != nil {
				return ""
			}
			return string(out)
		},
		"fromJson": func(text string) map[string]interface{} {
			m := map[string]interface{}{}
			if err := json.Unmarshal([]byte(text), &m); err != nil {
				m["Error"] = err.Error()
			}
			return m
		},
		"required": func(warn string, v interface{}) (interface{}, error) {
			if v == nil {
				return v, errors.New(warn)
			}
			if s, ok := v.(string); ok && s == "" {
				return v, errors.New(warn)
			}
			return v, nil
		},
		// `helm template` has no cluster: lookup finds nothing.
		"lookup": func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
			return map[string]interface{}{}, nil
		},
	}
}

// toYAML marshals as sigs.k8s.io/yaml: JSON first, then JSON → YAML (keys sorted).
func toYAML(v interface{}) (string, error) {
	j, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	var obj interface{}
	if err := yaml.Unmarshal(j, &obj); err != nil {
		return "", err
	}
	out, err := yaml.Marshal(obj)
	return string(out), err
}

// fromYAML unmarshals as sigs.k8s.io/yaml: YAML → JSON → Go, so every number is a float64 (as in Helm's .Values).
func fromYAML(text []byte, into interface{}) error {
	var obj interface{}
	if err := yaml.Unmarshal(text, &obj); err != nil {
		return err
	}
	j, err := json.Marshal(jsonable(obj))
	if err != nil {
		return err
	}
	return json.Unmarshal(j, into)
}

// jsonable turns yaml.v2's map[interface{}]interface{} into map[string]interface{}.
func jsonable(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := map[string]interface{}{}
		for k, val := range t {
			m[fmt.Sprint(k)] = jsonable(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = jsonable(t[i])
		}
	}
	return v
}

func readValues(path string) (map[string]interface{}, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{}
	if err := fromYAML(text, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if m == nil {
		m = map[string]interface{}{}
	}
	return m, nil
}

// coalesce merges user values over the chart's defaults as Helm does: maps
// merge key by key, anything else replaces, and a null deletes the default.
func coalesce(user, defaults map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range user {
		if v == nil {
			delete(out, k)
			continue
		}
		um, uok := v.(map[string]interface{})
		dm, dok := out[k].(map[string]interface{})
		if uok && dok {
			out[k] = coalesce(um, dm)
		} else {
			out[k] = v
		}
	}
	return out
}

// loadChart reads Chart.yaml into .Chart's fields (Name, Version, AppVersion, ...).
func loadChart(dir string) (map[string]interface{}, error) {
	meta, err := readValues(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	if meta["apiVersion"] != "v2" {
		return nil, fmt.Errorf("Chart.yaml: apiVersion must be v2 for Helm 3, got %v", meta["apiVersion"])
	}
	for _, field := range []string{"name", "version"} {
		if s, _ := meta[field].(string); s == "" {
			return nil, fmt.Errorf("validation: chart.metadata.%s is required", field)
		}
	}
	chart := map[string]interface{}{}
	for k, v := range meta {
		switch k {
		case "apiVersion":
			chart["APIVersion"] = v
		case "kubeVersion":
			chart["KubeVersion"] = v
		default:
			chart[strings.ToUpper(k[:1])+k[1:]] = v
		}
	}
	return chart, nil
}

// versionSet is .Capabilities.APIVersions.
type versionSet []string

// Has reports whether the group/version (or group/version/Kind) is served.
func (v versionSet) Has(name string) bool {
	for _, s := range v {
		if s == name {
			return true
		}
	}
	return false
}

func capabilities(kubeVersion string) map[string]interface{} {
	parts := strings.SplitN(strings.TrimPrefix(kubeVersion, "v"), ".", 3)
	for len(parts) < 2 {
		parts = append(parts, "0")
	}
	return map[string]interface{}{
		"KubeVersion": map[string]interface{}{"Version": kubeVersion, "GitVersion": kubeVersion, "Major": parts[0], "Minor": parts[1]},
		"APIVersions": versionSet{"v1", "apps/v1", "policy/v1", "autoscaling/v2", "rbac.authorization.k8s.io/v1", "discovery.k8s.io/v1", "coordination.k8s.io/v1"},
		"HelmVersion": map[string]interface{}{"Version": "v3.14.0"},
	}
}

// files is .Files: the chart's files other than templates/, charts/, Chart.yaml,
// Chart.lock, values.yaml and values.schema.json (Helm's loader keeps those apart).
type files struct{ dir string }

func (f files) path(name string) (string, bool) {
	clean := filepath.Clean(name)
	switch clean {
	case "Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json":
		return "", false
	}
	if filepath.IsAbs(clean) || strings.HasPrefix(clean, "..") || strings.HasPrefix(clean, "templates/") || strings.HasPrefix(clean, "charts/") {
		return "", false
	}
	return filepath.Join(f.dir, clean), true
}

// Get returns a file's text, or "" when it is absent (as Helm does).
func (f files) Get(name string) string {
	return string(f.GetBytes(name))
}

// GetBytes returns a file's bytes, or nil.
func (f files) GetBytes(name string) []byte {
	p, ok := f.path(name)
	if !ok {
		return nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	return b
}
