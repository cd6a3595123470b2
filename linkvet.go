// Package linkvet holds the domain of linkvet: LinkedIn connection
// invitations, the people who send them, the user's policy, the verdicts the
// screening engine gives and the decisions the user records.
//
// The types here are plain data. They mirror the interchange format
// invitation-v1 (docs/format.md): a field that is absent in the JSON is
// "unknown", never "false" or "zero", so numbers and booleans that may be
// unknown are pointers. Adapters (sqlite, linkedin, web, the CLI) depend on
// this package; it depends on none of them.
package linkvet

import (
	"context"
	"strconv"
	"time"
)

// Direction says who sent an invitation.
type Direction string

const (
	Incoming Direction = "incoming" // someone invites the user (the default)
	Outgoing Direction = "outgoing" // the user invites someone
)

// Photo describes the profile picture as the user saw it.
type Photo string

const (
	PhotoUnknown   Photo = "unknown"
	PhotoReal      Photo = "real"
	PhotoNone      Photo = "none"
	PhotoStock     Photo = "stock"     // a stock or reused image
	PhotoGenerated Photo = "generated" // looks AI-made
)

// Action is what to do with an invitation.
type Action string

const (
	Accept  Action = "accept"
	Ask     Action = "ask"     // reply asking for context before deciding
	Ignore  Action = "ignore"  // leave it pending, say nothing
	Decline Action = "decline" // remove it ("I don't know this person")
	Block   Action = "block"   // decline and block the sender
)

// Actions lists every action, most welcoming first.
var Actions = []Action{Accept, Ask, Ignore, Decline, Block}

// Valid reports whether a is one of the five actions.
func (a Action) Valid() bool {
	switch a {
	case Accept, Ask, Ignore, Decline, Block:
		return true
	}
	return false
}

// Category is the kind of sender (seed 003's table, plus blocked).
type Category string

const (
	KnownContact Category = "known_contact"
	IndustryPeer Category = "industry_peer"
	Verified     Category = "verified"
	Recruiter    Category = "recruiter"
	Salesperson  Category = "salesperson"
	Stranger     Category = "stranger"
	Fake         Category = "fake"
	Competitor   Category = "competitor"
	Scammer      Category = "scammer"
	Blocked      Category = "blocked"
)

// Categories lists every category.
var Categories = []Category{KnownContact, IndustryPeer, Verified, Recruiter, Salesperson, Stranger, Fake, Competitor, Scammer, Blocked}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Intent is why the sender likely invites (seed 003's seven reasons).
type Intent string

const (
	KeepInTouch       Intent = "keep_in_touch"
	LearnAboutYou     Intent = "learn_about_you"
	IntroduceNetwork  Intent = "introduce_network"
	CareerOpportunity Intent = "career_opportunity"
	Sell              Intent = "sell"
	Mistake           Intent = "mistake"
	Spam              Intent = "spam"
	UnknownIntent     Intent = "unknown"
)

// Interactions the format knows. Unknown words are kept and ignored.
const (
	FollowsYou             = "follows_you"
	EngagedWithYourContent = "engaged_with_your_content"
	MessagedBefore         = "messaged_before"
	MetInPerson            = "met_in_person"
	AttendedSameEvent      = "attended_same_event"
	ViewedYourProfile      = "viewed_your_profile"
)

// Invitation.Source values (invitation-v1 sections 1 and 4).
const (
	SourceManual         = "manual"
	SourceAPI            = "api"
	SourceLinkedInExport = "linkedin-export" // LinkedIn's data export
	SourceEmail          = "email"           // LinkedIn's invitation e-mails
	SourcePDF            = "pdf"             // a profile saved as PDF
	SourcePaste          = "paste"           // text copied from LinkedIn's pages
	SourceDMA            = "dma"             // the Member Data Portability JSON
)

// Position is one entry of a work history. Start and End are YYYY-MM; an
// empty End means the position is current.
type Position struct {
	Title   string `json:"title,omitempty"`
	Company string `json:"company,omitempty"`
	Start   string `json:"start,omitempty"`
	End     string `json:"end,omitempty"`
	// Location is where the position was held, when the source says
	// (profile PDFs and pages do; the export does not).
	Location string `json:"location,omitempty"`
}

// Education is one school entry.
type Education struct {
	School string `json:"school,omitempty"`
	Degree string `json:"degree,omitempty"`
	// Start and End are the years attended (YYYY), when the source says.
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Person is the other side of an invitation: the sender of an incoming one,
// the invitee of an outgoing one. A nil list is unknown; an empty one is
// known to be empty ("experience": [] says the profile lists no position),
// and both survive a round trip through JSON (omitzero, not omitempty).
type Person struct {
	Name        string      `json:"name,omitempty"`
	ProfileURL  string      `json:"profile_url,omitempty"`
	Headline    string      `json:"headline,omitempty"`
	Title       string      `json:"title,omitempty"`
	Company     string      `json:"company,omitempty"`
	Industry    string      `json:"industry,omitempty"`
	Location    string      `json:"location,omitempty"`
	About       string      `json:"about,omitempty"`
	Photo       Photo       `json:"photo,omitempty"`
	Verified    *bool       `json:"verified,omitempty"`
	Connections *int        `json:"connections,omitempty"`
	Followers   *int        `json:"followers,omitempty"`
	MemberSince string      `json:"member_since,omitempty"` // YYYY-MM
	Experience  []Position  `json:"experience,omitzero"`
	Education   []Education `json:"education,omitzero"`
	Skills      []string    `json:"skills,omitzero"`
	// Languages the person lists (as written, e.g. "Spanish"), from
	// profile PDFs and pages.
	Languages       []string `json:"languages,omitzero"`
	Recommendations *int     `json:"recommendations,omitempty"`
	Emails          []string `json:"emails,omitzero"`
	Phones          []string `json:"phones,omitzero"`
	Websites        []string `json:"websites,omitzero"`
}

// Shared is what the user and the person have in common, as LinkedIn shows
// it or the user knows it.
type Shared struct {
	Companies []string `json:"companies,omitzero"`
	Schools   []string `json:"schools,omitzero"`
	Groups    []string `json:"groups,omitzero"`
	Events    []string `json:"events,omitzero"`
	Interests []string `json:"interests,omitzero"`
}

// Empty reports whether nothing is shared.
func (s Shared) Empty() bool {
	return len(s.Companies)+len(s.Schools)+len(s.Groups)+len(s.Events)+len(s.Interests) == 0
}

// Invitation is one connection invitation, incoming or outgoing.
type Invitation struct {
	ID                string     `json:"id,omitempty"`
	Direction         Direction  `json:"direction,omitempty"`
	SentAt            *time.Time `json:"sent_at,omitempty"`
	Message           string     `json:"message,omitempty"`
	Person            Person     `json:"person"`
	MutualConnections *int       `json:"mutual_connections,omitempty"`
	MutualNames       []string   `json:"mutual_names,omitzero"`
	Shared            Shared     `json:"shared"`
	Interactions      []string   `json:"interactions,omitzero"`
	Source            string     `json:"source,omitempty"`
	// AcceptURL is the Accept link read from LinkedIn's invitation e-mail,
	// kept for the user to click; linkvet never follows it.
	AcceptURL string `json:"accept_url,omitempty"`
	// ReceivedVia lists every channel the invitation was seen through
	// ("linkedin-export", "email", "pdf", "paste", "dma", "manual", "api").
	ReceivedVia []string `json:"received_via,omitempty"`
	// Label is the user's decision for training data (linkvet learn, eval);
	// it is not part of a verdict.
	Label Action `json:"label,omitempty"`
}

// HasInteraction reports whether the invitation records interaction kind.
func (inv *Invitation) HasInteraction(kind string) bool {
	for _, k := range inv.Interactions {
		if k == kind {
			return true
		}
	}
	return false
}

// Me is the user, as the policy file or the imported profile describes them.
type Me struct {
	Name       string   `json:"name,omitempty" yaml:"name,omitempty"`
	Headline   string   `json:"headline,omitempty" yaml:"headline,omitempty"`
	Industries []string `json:"industries,omitempty" yaml:"industries,omitempty"`
	Interests  []string `json:"interests,omitempty" yaml:"interests,omitempty"`
	Companies  []string `json:"companies,omitempty" yaml:"companies,omitempty"` // current and former employers
	Schools    []string `json:"schools,omitempty" yaml:"schools,omitempty"`
	Location   string   `json:"location,omitempty" yaml:"location,omitempty"`
	Skills     []string `json:"skills,omitempty" yaml:"skills,omitempty"`
	// Languages the user reads and writes (BCP 47 tags such as "en", "es"),
	// in order of preference: drafts use the note's language when it is one
	// of these, else the first.
	Languages []string `json:"languages,omitempty" yaml:"languages,omitempty"`
}

// Empty reports whether nothing is known about the user.
func (m Me) Empty() bool {
	return m.Name == "" && m.Headline == "" && m.Location == "" &&
		len(m.Industries)+len(m.Interests)+len(m.Companies)+len(m.Schools)+len(m.Skills) == 0
}

// Style is how readily the user accepts strangers (seed 001's two schools
// of thought, with a middle way).
type Style string

const (
	Open     Style = "open"     // accept most humans who show some intent
	Balanced Style = "balanced" // the default
	Curated  Style = "curated"  // only people with clear common ground
)

// Reason is one rule that fired, with its points and the evidence.
type Reason struct {
	Rule   string `json:"rule"`
	Points int    `json:"points"`
	Detail string `json:"detail"`
}

// Checklist holds the three questions every invitation from a stranger gets
// (seed 004). A nil field means the answer is unknown.
type Checklist struct {
	PersonalNote  bool  `json:"personal_note"`
	CommonGround  bool  `json:"common_ground"`
	EnoughMutuals *bool `json:"enough_mutuals"`
}

// Drafts are messages the user can send.
type Drafts struct {
	Accept   string `json:"accept,omitempty"`
	FollowUp string `json:"follow_up,omitempty"`
	Decline  string `json:"decline,omitempty"`
	Ask      string `json:"ask,omitempty"`
}

// Verdict is the engine's answer for one invitation.
type Verdict struct {
	ID         string    `json:"id"`
	Action     Action    `json:"action"`
	Report     bool      `json:"report"`
	Category   Category  `json:"category"`
	Intent     Intent    `json:"intent"`
	Score      int       `json:"score"`
	Confidence float64   `json:"confidence"`
	Reasons    []Reason  `json:"reasons"`
	Checklist  Checklist `json:"checklist"`
	Drafts     Drafts    `json:"drafts"`
	// Language is the note's language as detected (BCP 47); empty when
	// there is no note or it could not be told.
	Language string `json:"language,omitempty"`
	// DraftsLanguage is the language the drafts are written in.
	DraftsLanguage string `json:"drafts_language,omitempty"`
	// Missing names the facts whose absence limits the verdict, such as
	// "headline", "mutual_connections" or "profile".
	Missing []string `json:"missing,omitempty"`
}

// DecidedBy says who recorded a decision.
type DecidedBy string

const (
	ByUser DecidedBy = "user"
	ByRule DecidedBy = "rule"
)

// Decision is a recorded choice for one invitation. Decisions are never
// overwritten: a changed mind is a new Decision, and the history is kept.
type Decision struct {
	ID           int64     `json:"id"`
	InvitationID string    `json:"invitation_id"`
	Action       Action    `json:"action"`
	Verdict      Action    `json:"verdict,omitempty"` // what linkvet had advised
	Note         string    `json:"note,omitempty"`
	By           DecidedBy `json:"by"`
	At           time.Time `json:"at"`
	// Undo marks the entry that takes back the decision before it: the
	// invitation is pending again, as if never decided. Its Action is
	// always Ignore (what an untouched invitation amounts to on LinkedIn).
	Undo bool `json:"undo,omitempty"`
}

// Standing returns the decision that stands when latest is the newest
// entry of an invitation's history: nil when there is none or it was undone.
func Standing(latest *Decision) *Decision {
	if latest == nil || latest.Undo {
		return nil
	}
	return latest
}

// KnownPerson is someone the user already knows, with where that knowledge
// came from (connections, contacts, messages, endorsements, recommendations).
type KnownPerson struct {
	Name       string    `json:"name"`
	ProfileURL string    `json:"profile_url,omitempty"`
	Email      string    `json:"email,omitempty"`
	Company    string    `json:"company,omitempty"`
	Position   string    `json:"position,omitempty"`
	Sources    []string  `json:"sources"`               // e.g. "connection", "contact", "message"
	Since      time.Time `json:"since,omitzero"`        // connected on, if known
	LastSeen   time.Time `json:"last_contact,omitzero"` // last message either way, if known
	Tags       []string  `json:"tags,omitempty"`        // user-assigned groups
}

// Message is one message from the export, reduced to what linkvet uses.
type Message struct {
	ConversationID string    `json:"conversation_id,omitempty"`
	From           string    `json:"from"`
	FromURL        string    `json:"from_url,omitempty"`
	To             string    `json:"to"`
	ToURLs         []string  `json:"to_urls,omitempty"`
	At             time.Time `json:"at"`
	Subject        string    `json:"subject,omitempty"`
	Content        string    `json:"content,omitempty"`
	Outgoing       bool      `json:"outgoing"` // sent by the user
}

// Export is what one LinkedIn data export tells linkvet, ready to store.
type Export struct {
	Me       Me            `json:"me"`
	Known    []KnownPerson `json:"known"`
	Incoming []Invitation  `json:"incoming"` // pending incoming invitations
	Outgoing []Invitation  `json:"outgoing"` // pending outgoing invitations
	Messages []Message     `json:"messages"`
	// HiddenConnections counts connection rows with nothing but a date
	// (members who hide their details from exports).
	HiddenConnections int           `json:"hidden_connections"`
	Files             []FileSummary `json:"files"`
	// PastAccepts are incoming invitations whose sender is now a
	// connection: invitations the user accepted, newest first. They are
	// examples of whom the user accepts (to learn from as inferred
	// examples, never over a decision the user recorded), not pending.
	PastAccepts []Invitation `json:"past_accepts,omitempty"`
	// ConnectionsMissing is set when the export lists invitations but
	// holds no readable Connections.csv: pending and accepted invitations
	// cannot be told apart, so Incoming and Outgoing may hold accepted
	// ones (and PastAccepts is empty) until a fuller export settles them.
	ConnectionsMissing bool `json:"connections_missing,omitempty"`
}

// FileSummary tells what was read from one file of an export.
type FileSummary struct {
	Name    string    `json:"name"`
	Rows    int       `json:"rows"`
	Skipped []Problem `json:"skipped,omitempty"`
}

// Problem names one record that could not be used, and where it was.
type Problem struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

func (p Problem) String() string {
	return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Reason
}

// Error makes a *Problem usable as the error of a record that was rejected
// while its neighbours go on.
func (p *Problem) Error() string { return p.String() }

// InvitationFilter selects stored invitations.
type InvitationFilter struct {
	Direction Direction // empty = incoming
	Pending   *bool     // only those without (true) or with (false) a decision
	Action    Action    // only those whose stored verdict is this action
	Category  Category  // only those whose stored verdict is this category
	Offset    int
	Limit     int      // 0 = no limit
	IDs       []string // only these (nil = any)
	// FreshState, when set, leaves out (nil) the verdicts screened in
	// another state: the caller screens those again.
	FreshState string
}

// StoredInvitation is an invitation with what linkvet and the user said of it.
type StoredInvitation struct {
	Invitation Invitation `json:"invitation"`
	Verdict    *Verdict   `json:"verdict,omitempty"`
	Decision   *Decision  `json:"decision,omitempty"` // the latest, if any
	AddedAt    time.Time  `json:"added_at"`
	// VerdictState names what the stored verdict was screened with (the
	// policy version and the classifier's generation); a verdict whose
	// state differs from the current one is stale and screened again.
	VerdictState string `json:"-"`
	// Read is what the store noted of the invitation as it read it.
	Read ReadMark `json:"-"`
}

// ReadMark is what a store noted of a stored invitation as it read it,
// for a save made from that read (see Store.Unlisted).
type ReadMark struct {
	// Revision counts the changes made to the invitation's text. A store
	// keeps what was made from a read (a listing, say) only while the
	// invitation is still at that revision: another process may have
	// enriched it meanwhile.
	Revision int64
	// ListedState and ListedDigest are the state the invitation's listing
	// was made in and the digest of the verdict it was made from ("" and
	// 0 without a listing): a listing screened again whose verdict has
	// that digest is the same listing, marked current without a write.
	ListedState  string
	ListedDigest int64
	// UnsavedAt is when the listing was screened, for a listing kept
	// without its verdict (zero otherwise), and UnsavedState the state it
	// is current in (through an alias; whole reads only): a verdict read
	// whole is screened again at UnsavedAt when its listing is current,
	// so that it is the verdict the listing shows.
	UnsavedAt    time.Time
	UnsavedState string
}

// OutreachKind is what happened to an invitation after it was sent, or
// after the user accepted one (a follow-up).
type OutreachKind string

const (
	OutreachSent         OutreachKind = "sent"          // the user sent it (again)
	OutreachWithdrawn    OutreachKind = "withdrawn"     // the user took it back
	OutreachDeclined     OutreachKind = "declined"      // the person said no
	OutreachIgnored      OutreachKind = "ignored"       // no answer, and it is gone
	OutreachAccepted     OutreachKind = "accepted"      // the person accepted the user's invitation
	OutreachFollowUpDone OutreachKind = "followup_done" // the user wrote after accepting
)

// OutreachKinds lists every kind, in the order a life cycle meets them.
var OutreachKinds = []OutreachKind{OutreachSent, OutreachWithdrawn, OutreachDeclined, OutreachIgnored, OutreachAccepted, OutreachFollowUpDone}

// Valid reports whether k is one of the known kinds.
func (k OutreachKind) Valid() bool {
	for _, x := range OutreachKinds {
		if k == x {
			return true
		}
	}
	return false
}

// ForOutgoing reports whether k applies to the user's own invitations;
// only followup_done applies to incoming ones.
func (k OutreachKind) ForOutgoing() bool { return k != OutreachFollowUpDone }

// OutreachEvent is one entry of the outreach log. Events are only ever
// appended.
type OutreachEvent struct {
	ID           int64        `json:"id"`
	InvitationID string       `json:"invitation_id"`
	Kind         OutreachKind `json:"kind"`
	At           time.Time    `json:"at"`
	Note         string       `json:"note,omitempty"`
}

// OutreachState is what the store knows that the outreach rules need, read
// in one snapshot.
type OutreachState struct {
	Invitations []StoredInvitation // both directions
	Events      []OutreachEvent
	Known       []KnownPerson
	Messages    []Message
	// HiddenConnections counts connections whose owners hide their details
	// from exports (from the latest import); they still count to the cap.
	HiddenConnections int
}

// PolicyVersion is one version of the policy in force, as the store keeps
// it. Version 0 means none was ever stored: the built-in defaults apply.
type PolicyVersion struct {
	Version int       `json:"version"`
	At      time.Time `json:"at,omitzero"`
	Text    string    `json:"text"`
	// Learning records whether this policy lets the classifier speak, so
	// that the staleness of a verdict is known without compiling the policy.
	Learning bool   `json:"learning"`
	Source   string `json:"source,omitempty"` // "cli", "web", "api", "restore"
}

// AuditEntry is one line of the audit log: every change of the policy in
// force and every decision, appended in the transaction that made it.
type AuditEntry struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	Kind    string    `json:"kind"`    // "policy", "decision", "undo", "rebuild"
	Subject string    `json:"subject"` // the invitation id, or the policy version
	Detail  string    `json:"detail,omitempty"`
}

// Change says what storing one record did: added a new invitation,
// enriched a stored one, or left a stored one as it was.
type Change string

const (
	ChangeNew       Change = "new"
	ChangeEnriched  Change = "enriched"
	ChangeUnchanged Change = "unchanged"
)

// Store keeps invitations, verdicts, decisions and what imports learned.
// It holds no business rule: what may be recorded is the service's to
// decide. The sqlite package implements it.
type Store interface {
	// Import stores an export in whole batches; importing the same export
	// twice changes nothing.
	Import(ctx context.Context, e *Export) (ImportResult, error)
	// ImportMessages and ImportRest are Import in two steps, so that the
	// messages are written while the reader works out the rest.
	ImportMessages(ctx context.Context, msgs []Message) (ImportResult, error)
	ImportRest(ctx context.Context, e *Export, stored ImportResult) (ImportResult, error)
	// PutInvitations adds or enriches invitations, matched by profile URL,
	// then by id, all in one transaction.
	PutInvitations(ctx context.Context, invs []Invitation) ([]string, error)
	Invitation(ctx context.Context, id string) (*StoredInvitation, error)
	Invitations(ctx context.Context, f InvitationFilter) ([]StoredInvitation, int, error)
	// List returns the listings of the incoming invitations f selects,
	// most worth attention first, and how many f selects without paging;
	// Unlisted returns those it leaves out for want of a listing made in
	// f.State, to screen again (their Verdict is nil unless it was made in
	// f.State; their Decision is not read).
	List(ctx context.Context, f ListFilter) ([]Listing, int, error)
	Unlisted(ctx context.Context, f ListFilter) ([]StoredInvitation, error)
	// SaveVerdicts records the verdicts the engine gave, keyed by
	// Verdict.ID, with the state they were screened in; SaveListed also
	// keeps each verdict's listing (ls[i] is vs[i]'s).
	SaveVerdicts(ctx context.Context, vs []Verdict, state string) error
	SaveListed(ctx context.Context, vs []Verdict, ls []Listing, state string) error
	// Decisions returns the full history for one invitation (all when id is
	// empty), oldest first.
	Decisions(ctx context.Context, invitationID string) ([]Decision, error)
	Me(ctx context.Context) (Me, error)
	Known(ctx context.Context) ([]KnownPerson, error)
	Messages(ctx context.Context) ([]Message, error)
	// OutreachState reads the outreach rules' inputs in one snapshot.
	OutreachState(ctx context.Context) (OutreachState, error)
	// Tag and Untag add or remove a tag on known people; all or none.
	Tag(ctx context.Context, personKeys []string, tag string) error
	Untag(ctx context.Context, personKeys []string, tag string) error
	// Model returns a named blob (ENOTFOUND when none); ModelGeneration
	// counts its changes (0 when none).
	Model(ctx context.Context, name string) ([]byte, error)
	ModelGeneration(ctx context.Context, name string) (int64, error)
	// Policy returns the policy in force (Version 0 when none is stored).
	Policy(ctx context.Context) (PolicyVersion, error)
	// Policies returns every stored version, oldest first.
	Policies(ctx context.Context) ([]PolicyVersion, error)
	// Audit returns the audit log, oldest first.
	Audit(ctx context.Context) ([]AuditEntry, error)
	// Update runs fn in one write transaction: everything fn writes through
	// tx is committed together or not at all. Writers wait for each other.
	Update(ctx context.Context, fn func(tx Tx) error) error
	Close() error
}

// Tx is a write transaction of the Store (see Store.Update).
type Tx interface {
	Invitation(ctx context.Context, id string) (*StoredInvitation, error)
	PutInvitations(ctx context.Context, invs []Invitation) ([]string, error)
	SaveVerdicts(ctx context.Context, vs []Verdict, state string) error
	SaveListed(ctx context.Context, vs []Verdict, ls []Listing, state string) error
	// Decide appends a decision (Undo puts the invitation back in the
	// queue) and returns it with its id and the store's time.
	Decide(ctx context.Context, d Decision) (Decision, error)
	Decisions(ctx context.Context, invitationID string) ([]Decision, error)
	Model(ctx context.Context, name string) ([]byte, error)
	PutModel(ctx context.Context, name string, blob []byte) error
	// TrainedAs is the class an invitation was last trained as, "" for
	// none; SetTrainedAs records it ("" clears it); ClearTrained forgets
	// every marker (a rebuild).
	TrainedAs(ctx context.Context, invitationID string) (string, error)
	SetTrainedAs(ctx context.Context, invitationID, class string) error
	ClearTrained(ctx context.Context) error
	// AppendOutreach appends an event at the store's time.
	AppendOutreach(ctx context.Context, ev OutreachEvent) (OutreachEvent, error)
	OutreachState(ctx context.Context) (OutreachState, error)
	// SetPolicy stores a new version of the policy in force and its audit
	// entry.
	SetPolicy(ctx context.Context, pv PolicyVersion) (PolicyVersion, error)
	// AddAudit appends an entry to the audit log.
	AddAudit(ctx context.Context, e AuditEntry) error
	// Now is the store's clock, the time written with every row.
	Now() time.Time
}

// ImportResult counts what an import changed.
type ImportResult struct {
	Known     int `json:"known"`
	Incoming  int `json:"incoming"`
	Outgoing  int `json:"outgoing"`
	Messages  int `json:"messages"`
	Unchanged int `json:"unchanged"`
}
