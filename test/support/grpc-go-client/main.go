// Command grpc-dns-client queries a coredns.dns.DnsService the way CoreDNS's
// grpc plugin does (plugin/grpc/proxy.go and grpc.go): pack a miekg/dns
// message, cap messages at 65535+4 bytes, call Query, map NotFound to
// NXDOMAIN, unpack the reply and check that it answers the question asked.
//
// Usage: grpc-dns-client -addr HOST:PORT [-ca FILE -server-name NAME] NAME TYPE [NAME TYPE...]
// Prints one JSON object per query on stdout.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io/ioutil"
	"os"
	"strings"
	"time"

	"cmdns/pb"

	"github.com/miekg/dns"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"
)

const maxProtobufPayloadBytes = dns.MaxMsgSize + 4

type result struct {
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Error     string   `json:"error,omitempty"`
	Code      string   `json:"code,omitempty"`
	Rcode     string   `json:"rcode,omitempty"`
	ID        uint16   `json:"id"`
	SentID    uint16   `json:"sentId"`
	Question  string   `json:"question,omitempty"`
	Match     bool     `json:"match"`
	AA        bool     `json:"aa"`
	TC        bool     `json:"tc"`
	Answer    []string `json:"answer"`
	Authority []string `json:"authority"`
	Extra     []string `json:"extra"`
}

// match is CoreDNS request.Match: one question, a response, same name (case-insensitive) and type.
func match(req, reply *dns.Msg) bool {
	if len(reply.Question) != 1 || !reply.Response {
		return false
	}
	return strings.EqualFold(reply.Question[0].Name, req.Question[0].Name) && reply.Question[0].Qtype == req.Question[0].Qtype
}

func strs(rrs []dns.RR) []string {
	out := []string{}
	for _, rr := range rrs {
		if rr.Header().Rrtype == dns.TypeOPT {
			continue
		}
		out = append(out, strings.Join(strings.Fields(rr.String()), " "))
	}
	return out
}

func main() {
	addr := flag.String("addr", "", "server HOST:PORT")
	ca := flag.String("ca", "", "CA certificate (PEM) to verify a TLS server; empty = plaintext")
	serverName := flag.String("server-name", "localhost", "TLS server name")
	flag.Parse()
	args := flag.Args()
	if *addr == "" || len(args)%2 != 0 {
		fmt.Fprintln(os.Stderr, "usage: grpc-dns-client -addr HOST:PORT [-ca FILE] NAME TYPE [NAME TYPE...]")
		os.Exit(2)
	}
	opts := []grpc.DialOption{grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxProtobufPayloadBytes), grpc.MaxCallSendMsgSize(maxProtobufPayloadBytes))}
	if *ca != "" {
		pem, err := ioutil.ReadFile(*ca)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(pem)
		opts = append(opts, grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{RootCAs: pool, ServerName: *serverName})))
	} else {
		opts = append(opts, grpc.WithInsecure())
	}
	conn, err := grpc.Dial(*addr, opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	client := pb.NewDnsServiceClient(conn)
	enc := json.NewEncoder(os.Stdout)
	for i := 0; i < len(args); i += 2 {
		r := result{Name: args[i], Type: args[i+1], Answer: []string{}, Authority: []string{}, Extra: []string{}}
		req := new(dns.Msg)
		req.SetQuestion(args[i], dns.StringToType[strings.ToUpper(args[i+1])])
		req.SetEdns0(1232, false)
		r.SentID = req.Id
		packed, err := req.Pack()
		if err == nil && len(packed) > dns.MaxMsgSize {
			err = fmt.Errorf("dns message exceeds size limit")
		}
		var ret *dns.Msg
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			var reply *pb.DnsPacket
			reply, err = client.Query(ctx, &pb.DnsPacket{Msg: packed})
			cancel()
			if status.Code(err) == codes.NotFound {
				ret, err = new(dns.Msg).SetRcode(req, dns.RcodeNameError), nil
			} else if err == nil {
				ret = new(dns.Msg)
				err = ret.Unpack(reply.GetMsg())
			}
		}
		if err != nil {
			r.Error = err.Error()
			r.Code = status.Code(err).String()
		} else {
			r.Rcode = dns.RcodeToString[ret.Rcode]
			r.ID = ret.Id
			if len(ret.Question) > 0 {
				r.Question = ret.Question[0].Name
			}
			r.Match = match(req, ret)
			r.AA = ret.Authoritative
			r.TC = ret.Truncated
			r.Answer = strs(ret.Answer)
			r.Authority = strs(ret.Ns)
			r.Extra = strs(ret.Extra)
		}
		enc.Encode(r)
	}
}
