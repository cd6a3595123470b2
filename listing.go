package linkvet

// Listing is what a list of invitations (the inbox) shows of one invitation
// and its verdict. The store keeps it beside the verdict it was made from,
// so that a list of thousands reads one short row each and decodes neither
// the invitation nor the verdict; the whole of both is read only when one
// invitation is shown, explained or decided.
type Listing struct {
	ID         string
	Name       string // the person's name
	Action     Action
	Report     bool
	Category   Category
	Intent     Intent
	Score      int
	Confidence float64
	// Reason is the reason that decided the action (zero when no rule
	// fired): the one a list shows.
	Reason Reason
	// Missing names what the verdict stands without (empty when enough
	// is known): a list marks such an invitation "needs details".
	Missing []string
	// Attention orders a list: the highest first.
	Attention int
	// Decision is the invitation's latest decision, read only when the
	// list includes decided invitations (nil otherwise, or when none).
	Decision *Decision
}

// ListFilter selects the incoming invitations Store.List lists.
type ListFilter struct {
	All      bool // decided invitations too; else the pending ones an export settled
	Action   Action
	Category Category
	Offset   int
	Limit    int // 0 = no limit
	// Unsettled includes, when not All, the pending invitations an export
	// could not settle (which the inbox leaves out): a list of every
	// pending invitation needs their listings too.
	Unsettled bool
	// State is the state current verdicts are screened in: an invitation
	// whose listing was made in another (or has none) is not listed but
	// returned by Store.Unlisted, for the caller to screen again.
	State string
}
