package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files
// and returns their paths and a pool that trusts the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "linkvet test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// TestServeTLS: with --tls-cert and --tls-key, serve prints an https
// login address, does not warn about cleartext, and a browser that follows
// the address gets a Secure session cookie and the inbox.
func TestServeTLS(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	certFile, keyFile, pool := selfSigned(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--token", "0123456789abcdef0123",
			"--tls-cert", certFile, "--tls-key", keyFile}, strings.NewReader(""), &out, &errb)
	}()
	addr := regexp.MustCompile(`https://127\.0\.0\.1:\d+/login\?code=\S+`)
	deadline := time.Now().Add(30 * time.Second)
	for !addr.MatchString(out.String()) {
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not print an https address: %q %q", out.String(), errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if strings.Contains(errb.String(), "cleartext") {
		t.Errorf("serving HTTPS, serve still warns about cleartext: %s", errb.String())
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	login := addr.FindString(out.String())
	u, _ := url.Parse(login)
	// The login page sends the one-time code by POST, as the page's form does.
	resp, err := client.PostForm(u.Scheme+"://"+u.Host+"/login", url.Values{"code": {u.Query().Get("code")}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/" {
		t.Fatalf("login over HTTPS: %s at %s", resp.Status, resp.Request.URL)
	}
	var secure bool
	for _, c := range resp.Request.Response.Cookies() {
		secure = secure || c.Secure && strings.HasPrefix(c.Name, "__Host-")
	}
	if !secure {
		t.Errorf("the session cookie over HTTPS is not a Secure __Host- cookie: %v", resp.Request.Response.Cookies())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
}
