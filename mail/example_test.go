package mail_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/linkvet/linkvet/mail"
)

// Reading one message; an mbox or a Maildir folder reads the same way
// (mail.Read on an mbox, mail.ReadMaildir or mail.ReadPath on a folder).
func ExampleRead() {
	msg := `From: Rui Costa <invitations@linkedin.com>
Subject: Rui Costa wants to connect
Date: Mon, 02 Mar 2026 10:00:00 +0000

Rui Costa
Data Analyst at Tailspin
Lisbon, Portugal
4 mutual connections

Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/9?trk=x
View profile: https://www.linkedin.com/comm/in/rui-costa-data?trk=y
`
	res, err := mail.Read("rui.eml", strings.NewReader(msg))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	for _, inv := range res.Invitations {
		fmt.Println(inv.Person.Name, "|", inv.Person.Headline, "|", inv.Person.ProfileURL, "|", *inv.MutualConnections, "|", inv.Source)
		fmt.Println(len(res.Raw[inv.ID]), "raw message kept")
	}
	for _, f := range res.Phishing {
		fmt.Println(f) // file:line: imitates LinkedIn: evidence
	}
	for _, p := range res.Problems {
		fmt.Println(p) // file:line: reason
	}
	// Output:
	// Rui Costa | Data Analyst at Tailspin | linkedin.com/in/rui-costa-data | 4 | email
	// 1 raw message kept
}
