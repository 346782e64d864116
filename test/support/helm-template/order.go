package main

import (
	"regexp"
	"sort"
	"strings"
)

// manifest is one YAML document of a rendered template.
type manifest struct {
	source string
	kind   string
	text   string
}

// installOrder is Helm 3's kind order for install and for `helm template`
// output (helm.sh/helm/v3/pkg/releaseutil/kind_sorter.go); other kinds go last.
var installOrder = []string{
	"PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
	"PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
	"PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
	"ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
	"Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler",
	"StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
	"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
}

var (
	separator = regexp.MustCompile(`(?m)^---[ \t]*$`)
	kindLine  = regexp.MustCompile(`(?m)^kind:\s*["']?([A-Za-z0-9]+)`)
)

// splitManifests splits a template's output on document separators, leaving
// out documents that are only whitespace and comments.
func splitManifests(source, text string) []manifest {
	var out []manifest
	for _, doc := range separator.Split(text, -1) {
		body := strings.Trim(doc, "\n")
		meaningful := false
		for _, line := range strings.Split(body, "\n") {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
				meaningful = true
				break
			}
		}
		if !meaningful {
			continue
		}
		kind := ""
		if m := kindLine.FindStringSubmatch(body); m != nil {
			kind = m[1]
		}
		out = append(out, manifest{source: source, kind: kind, text: body})
	}
	return out
}

// sortByInstallOrder orders documents by kind as Helm does: known kinds in
// installOrder, then unknown kinds alphabetically; documents of one kind keep
// their template order.
func sortByInstallOrder(docs []manifest) {
	rank := func(kind string) int {
		for i, k := range installOrder {
			if k == kind {
				return i
			}
		}
		return len(installOrder)
	}
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := rank(docs[i].kind), rank(docs[j].kind)
		if a == len(installOrder) && b == len(installOrder) {
			return docs[i].kind < docs[j].kind
		}
		return a < b
	})
}
