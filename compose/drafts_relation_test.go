package compose

import (
	"regexp"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

var thanks = regexp.MustCompile(`\b(thanks|thank you|gracias|obrigad[oa]|merci|danke|grazie)\b`)

// TestAcceptThanksOnce: whatever phrasings are picked, an accept note
// thanks once ("Gracias por escribirme … Gracias por mencionar …" read
// badly).
func TestAcceptThanksOnce(t *testing.T) {
	books, err := loadPhrasebooks(phrasebookFiles)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []facts{
		{first: "Ana", mentioned: "Kafka"},
		{first: "Ana", event: "KubeCon"},
		{first: "Ana", group: "Go Berlin"},
		{first: "Ana", interest: "Go"},
		{first: "Ana", engaged: true},
	}
	for tag, pb := range books {
		for seed := uint64(0); seed < 200; seed++ {
			for i := range kinds {
				note := writer{pb: pb, seed: seed}.acceptNote(&kinds[i], linkvet.IndustryPeer)
				if n := len(thanks.FindAllString(strings.ToLower(note), -1)); n > 1 {
					t.Errorf("%s seed %d: thanks %d times: %s", tag, seed, n, note)
				}
			}
		}
	}
}

// TestAcceptToKnownColleague: someone the user knows is not told it is
// nice to meet more people from the company they share, and is offered a
// call to catch up, not "to get to know each other".
func TestAcceptToKnownColleague(t *testing.T) {
	books, err := loadPhrasebooks(phrasebookFiles)
	if err != nil {
		t.Fatal(err)
	}
	for tag, pb := range books {
		for seed := uint64(0); seed < 50; seed++ {
			f := facts{first: "Tomasz", shared: "Quellwerk GmbH", sharedKind: hookColleague, known: true}
			w := writer{pb: pb, seed: seed}
			if note := w.acceptNote(&f, linkvet.KnownContact); strings.Contains(note, "Quellwerk") {
				t.Errorf("%s seed %d: accept to a known colleague names the company as new ground: %s", tag, seed, note)
			}
			fu := w.followUp(&f)
			for _, c := range pb.FollowUp.Call {
				if strings.Contains(fu, c) && len(pb.FollowUp.CallKnown) > 0 {
					t.Errorf("%s seed %d: follow-up to a known person offers a get-to-know call: %s", tag, seed, fu)
				}
			}
		}
	}
}
