package policy

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/functions"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/ext"
	"cel.dev/cel-go/interpreter"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// The rule language sees three typed objects, as the JSON contract names
// their parts (a rule reads like the invitation it is about):
//
//	inv      the invitation: inv.note, inv.mutual_connections, inv.person.headline,
//	         inv.shared.schools, ...
//	verdict  what the built-in rules concluded before the user's rules:
//	         verdict.category, verdict.intent, verdict.score
//	me       the user, from the policy's me section: me.companies, me.languages, ...
//
// The checker knows every field and its type, so a misspelt field or a
// comparison of text with a number is an error when the policy is loaded,
// not when an invitation happens to reach it.

// object is one object type of the rule language.
type object struct {
	typeName string // the CEL type name, e.g. linkvet.Person
	typ      *types.Type
	fields   []*celField
	byName   map[string]*types.FieldType
}

// celField is one field of an object.
type celField struct {
	name string
	typ  *types.Type
	doc  string
	// old is the flat name linkvet 1 gave this value ("headline"), so that
	// a rule still using it is told the new spelling.
	old string
	// slot is the field's place in the per-invitation cache of values;
	// live fields (verdict.score, which changes between rules) have none.
	slot int
	live bool
	get  func(c *evalCache) ref.Val
	// text and list read the value as Go data, to check its size against
	// what the cost estimates assumed (cost.go).
	text func(c *evalCache) string
	list func(c *evalCache) []string
	obj  *object // the nested object, for inv.person and inv.shared
}

var stringList = cel.ListType(cel.StringType)

func fText(name, old, doc string, get func(c *evalCache) string) *celField {
	return &celField{name: name, old: old, doc: doc, typ: cel.StringType, text: get,
		get: func(c *evalCache) ref.Val { return types.String(get(c)) }}
}

func fInt(name, old, doc string, get func(c *evalCache) int) *celField {
	return &celField{name: name, old: old, doc: doc, typ: cel.IntType,
		get: func(c *evalCache) ref.Val { return types.Int(get(c)) }}
}

func fBool(name, old, doc string, get func(c *evalCache) bool) *celField {
	return &celField{name: name, old: old, doc: doc, typ: cel.BoolType,
		get: func(c *evalCache) ref.Val { return types.Bool(get(c)) }}
}

func fList(name, old, doc string, get func(c *evalCache) []string) *celField {
	return &celField{name: name, old: old, doc: doc, typ: stringList, list: get,
		get: func(c *evalCache) ref.Val { return types.NewStringList(types.DefaultTypeAdapter, get(c)) }}
}

func fObject(name, doc string, obj *object, get func(c *evalCache) *objVal) *celField {
	return &celField{name: name, doc: doc, typ: obj.typ, obj: obj,
		get: func(c *evalCache) ref.Val { return get(c) }}
}

func newObject(typeName string, fields ...*celField) *object {
	return &object{typeName: typeName, typ: types.NewObjectType(typeName), fields: fields}
}

func optionalInt(n *int) int {
	if n == nil {
		return -1
	}
	return *n
}

var personObject = newObject("linkvet.Person",
	fText("name", "name", "the person's name", func(c *evalCache) string { return c.person().Name }),
	fText("headline", "headline", "their headline", func(c *evalCache) string { return c.person().Headline }),
	fText("title", "title", "their current job title", func(c *evalCache) string { return c.person().Title }),
	fText("company", "company", "their current company", func(c *evalCache) string { return c.person().Company }),
	fText("industry", "industry", "their industry", func(c *evalCache) string { return c.person().Industry }),
	fText("location", "location", "their location", func(c *evalCache) string { return c.person().Location }),
	fText("about", "about", "the about text of their profile", func(c *evalCache) string { return c.person().About }),
	fText("photo", "photo", "`real`, `none`, `stock`, `generated` or `unknown` (when not said)", func(c *evalCache) string {
		if c.person().Photo == "" {
			return string(linkvet.PhotoUnknown)
		}
		return string(c.person().Photo)
	}),
	fBool("verified", "verified", "LinkedIn shows a verification badge; `false` when unknown", func(c *evalCache) bool {
		return c.person().Verified != nil && *c.person().Verified
	}),
	fInt("connections", "connections", "their connection count (`500` also stands for 500+); `-1` when unknown", func(c *evalCache) int {
		return optionalInt(c.person().Connections)
	}),
	fInt("followers", "followers", "their follower count; `-1` when unknown", func(c *evalCache) int { return optionalInt(c.person().Followers) }),
	fInt("recommendations", "recommendations", "recommendations on their profile; `-1` when unknown", func(c *evalCache) int {
		return optionalInt(c.person().Recommendations)
	}),
	fText("member_since", "", "when they joined LinkedIn, `YYYY-MM`; empty when unknown", func(c *evalCache) string { return c.person().MemberSince }),
	fInt("account_age_months", "account_age_months", "whole months since they joined LinkedIn; `-1` when unknown", func(c *evalCache) int {
		return accountAgeMonths(c.person().MemberSince, c.in.Now)
	}),
	fList("skills", "skills", "their skills", func(c *evalCache) []string { return c.person().Skills }),
	fList("emails", "emails", "their e-mail addresses", func(c *evalCache) []string { return c.person().Emails }),
	fList("phones", "phones", "their phone numbers", func(c *evalCache) []string { return c.person().Phones }),
	fList("websites", "websites", "their websites", func(c *evalCache) []string { return c.person().Websites }),
)

var sharedObject = newObject("linkvet.Shared",
	fList("companies", "shared_companies", "companies you both worked for", func(c *evalCache) []string { return c.inv.Shared.Companies }),
	fList("schools", "shared_schools", "schools you both attended", func(c *evalCache) []string { return c.inv.Shared.Schools }),
	fList("groups", "shared_groups", "groups you are both in", func(c *evalCache) []string { return c.inv.Shared.Groups }),
	fList("events", "shared_events", "events you both attended", func(c *evalCache) []string { return c.inv.Shared.Events }),
	fList("interests", "shared_interests", "interests you share", func(c *evalCache) []string { return c.inv.Shared.Interests }),
)

var invObject = newObject("linkvet.Invitation",
	fObject("person", "who sent the invitation (or, outgoing, who receives it)", personObject, func(c *evalCache) *objVal { return &c.personV }),
	fText("note", "note", "the message sent with the invitation (empty when none)", func(c *evalCache) string { return c.inv.Message }),
	fBool("has_note", "has_note", "the invitation came with a note that is not blank", func(c *evalCache) bool {
		return fold.String(c.inv.Message) != ""
	}),
	fText("direction", "direction", "`incoming` (someone invites you; the default) or `outgoing`", func(c *evalCache) string {
		if c.inv.Direction == "" {
			return string(linkvet.Incoming)
		}
		return string(c.inv.Direction)
	}),
	fText("source", "source", "where the record came from: `manual`, `linkedin-export`, `email`, ...", func(c *evalCache) string { return c.inv.Source }),
	fList("received_via", "", "every channel the invitation was seen through", func(c *evalCache) []string { return c.inv.ReceivedVia }),
	fInt("mutual_connections", "mutual", "number of mutual connections; `-1` when unknown", func(c *evalCache) int {
		return optionalInt(c.inv.MutualConnections)
	}),
	fList("mutual_names", "mutual_names", "names of mutual connections", func(c *evalCache) []string { return c.inv.MutualNames }),
	fObject("shared", "what you have in common", sharedObject, func(c *evalCache) *objVal { return &c.sharedV }),
	fList("interactions", "interactions", "past contact: `follows_you`, `engaged_with_your_content`, `messaged_before`, `met_in_person`, `attended_same_event`, `viewed_your_profile`",
		func(c *evalCache) []string { return c.inv.Interactions }),
)

var verdictObject = newObject("linkvet.Verdict",
	fText("category", "category", "the kind of sender the built-in rules found: `known_contact`, `industry_peer`, `verified`, `recruiter`, `salesperson`, `stranger`, `fake`, `competitor`, `scammer` or `blocked`",
		func(c *evalCache) string { return string(c.in.Category) }),
	fText("intent", "intent", "why they likely invite: `keep_in_touch`, `learn_about_you`, `introduce_network`, `career_opportunity`, `sell`, `mistake`, `spam` or `unknown`",
		func(c *evalCache) string {
			if c.in.Intent == "" {
				return string(linkvet.UnknownIntent)
			}
			return string(c.in.Intent)
		}),
	fInt("score", "score", "the score so far: the built-in rules' plus the points of your rules above this one", func(c *evalCache) int {
		return c.in.Score
	}).with(func(f *celField) { f.live = true }),
)

// meObject is the me section of the schema, field for field.
var meObject = func() *object {
	var fields []*celField
	for _, k := range lookup(schema, "me").keys {
		if !k.cel {
			continue
		}
		switch k.kind {
		case kText:
			fields = append(fields, fText(k.name, "", k.doc, func(c *evalCache) string { return *k.text(c.mePolicy()) }))
		case kList:
			fields = append(fields, fList(k.name, "", k.doc, func(c *evalCache) []string { return *k.list(c.mePolicy()) }))
		}
	}
	return newObject("linkvet.Me", fields...)
}()

func (f *celField) with(g func(f *celField)) *celField { g(f); return f }

// roots are the names a rule can use, with the object each one holds.
var roots = []struct {
	name string
	obj  *object
	doc  string
}{
	{"inv", invObject, "the invitation being screened"},
	{"verdict", verdictObject, "what the built-in rules concluded, before your rules"},
	{"me", meObject, "you, as the policy's me section says"},
}

// maxSlots is room for the cached values of one invitation, in the cache
// itself so that it is one allocation (a test checks that slots fit).
const maxSlots = 64

// objects lists every object type; slots is how many field values one
// invitation caches.
var objects, slots = func() ([]*object, int) {
	all := []*object{invObject, personObject, sharedObject, verdictObject, meObject}
	n := 0
	for _, o := range all {
		o.byName = make(map[string]*types.FieldType, len(o.fields))
		for _, f := range o.fields {
			f.slot = -1
			if !f.live {
				f.slot, n = n, n+1
			}
			o.byName[f.name] = fieldType(f)
		}
	}
	return all, n
}()

// fieldType is how the interpreter reads field f: straight from the cache
// of the invitation being screened, with no reflection.
func fieldType(f *celField) *types.FieldType {
	return &types.FieldType{
		Type:  f.typ,
		IsSet: func(any) bool { return true }, // every field has a value; unknown ones have a documented stand-in
		GetFrom: func(target any) (any, error) {
			v, ok := target.(*objVal)
			if !ok {
				return nil, fmt.Errorf("no field %s on %T", f.name, target)
			}
			return v.c.value(f), nil
		},
	}
}

// oldNames maps each flat name of linkvet 1 to its new spelling.
var oldNames = func() map[string]string {
	m := map[string]string{}
	var add func(prefix string, o *object)
	add = func(prefix string, o *object) {
		for _, f := range o.fields {
			if f.old != "" {
				m[f.old] = prefix + "." + f.name
			}
			if f.obj != nil {
				add(prefix+"."+f.name, f.obj)
			}
		}
	}
	for _, r := range roots {
		add(r.name, r.obj)
	}
	return m
}()

// objVal is an object of the rule language: which object, and the
// invitation it is read from. It lives inside the evalCache, so handing
// out a pointer to it never allocates.
type objVal struct {
	obj *object
	c   *evalCache
}

func (v *objVal) ConvertToNative(t reflect.Type) (any, error) {
	return nil, fmt.Errorf("%s cannot be converted to %v", v.obj.typeName, t)
}

func (v *objVal) ConvertToType(t ref.Type) ref.Val {
	if t == types.TypeType {
		return v.obj.typ
	}
	return types.NewErr("%s cannot be converted to %s", v.obj.typeName, t.TypeName())
}

func (v *objVal) Equal(other ref.Val) ref.Val { return types.Bool(other == ref.Val(v)) }
func (v *objVal) Type() ref.Type              { return v.obj.typ }
func (v *objVal) Value() any                  { return v }

// evalCache is what the rules share while screening one invitation: the
// activation they all evaluate against, and every field value converted
// once, whatever the number of rules reading it.
type evalCache struct {
	in   *RuleInput
	inv  *linkvet.Invitation // the invitation the values were read from
	me   *linkvet.Me         // the user the me values were read from
	vals [maxSlots]ref.Val
	// mePol holds me in a Policy, for the schema's accessors.
	mePol *Policy
	// phrases are the policy's literal has_phrase phrases, folded when it
	// was loaded; words are the texts this invitation's rules folded.
	phrases     map[string][]string
	words       map[string][]string
	hasPhraseFn functions.LateBoundOp
	// big is set when a value read is larger than the rules' cost
	// estimates assumed (cost.go); from then on every rule runs with its
	// cost tracked. fast is set while a rule runs untracked.
	big, fast bool

	invV, personV, sharedV, verdictV, meV objVal
}

func newEvalCache(in *RuleInput, me *linkvet.Me) *evalCache {
	c := &evalCache{in: in, inv: in.Invitation, me: me}
	c.invV = objVal{invObject, c}
	c.personV = objVal{personObject, c}
	c.sharedV = objVal{sharedObject, c}
	c.verdictV = objVal{verdictObject, c}
	c.meV = objVal{meObject, c}
	c.hasPhraseFn = c.hasPhrase
	return c
}

func (c *evalCache) person() *linkvet.Person { return &c.inv.Person }

func (c *evalCache) mePolicy() *Policy {
	if c.mePol == nil {
		c.mePol = &Policy{}
		if c.me != nil {
			c.mePol.Me = *c.me
		}
	}
	return c.mePol
}

func (c *evalCache) value(f *celField) ref.Val {
	if f.slot < 0 {
		return f.get(c)
	}
	v := c.vals[f.slot]
	if v == nil {
		if !c.big && f.tooBig(c) {
			c.big = true
		}
		v = f.get(c)
		c.vals[f.slot] = v
	}
	if c.fast && c.big {
		// The untracked run of a rule must not go on with a value its
		// estimate did not allow for; Match runs it again, tracked.
		return errTooBig
	}
	return v
}

// errCostLimit is a call refused because it alone would exceed the cost
// limit; Match reports it as the limit.
var errCostLimit = errors.New("cost limit exceeded")

var errTooBig = types.NewErr("a value is larger than the cost estimate allowed for")

// tooBig reports whether the field's value is larger than the cost
// estimates assumed.
func (f *celField) tooBig(c *evalCache) bool {
	switch {
	case f.text != nil:
		return len(f.text(c)) > maxText
	case f.list != nil:
		l := f.list(c)
		if len(l) > maxList {
			return true
		}
		for _, s := range l {
			if len(s) > maxText {
				return true
			}
		}
	}
	return false
}

// ResolveName and Parent make the cache the rules' activation.
func (c *evalCache) ResolveName(name string) (any, bool) {
	switch name {
	case "inv":
		return &c.invV, true
	case "verdict":
		return &c.verdictV, true
	case "me":
		return &c.meV, true
	}
	return nil, false
}

func (c *evalCache) Parent() interpreter.Activation { return nil }

// provider adds the objects to CEL's own type provider.
type provider struct {
	types.Provider
}

func (p provider) FindStructType(name string) (*types.Type, bool) {
	for _, o := range objects {
		if o.typeName == name {
			return types.NewTypeTypeWithParam(o.typ), true
		}
	}
	return p.Provider.FindStructType(name)
}

func (p provider) FindStructFieldNames(name string) ([]string, bool) {
	for _, o := range objects {
		if o.typeName == name {
			names := make([]string, len(o.fields))
			for i, f := range o.fields {
				names[i] = f.name
			}
			return names, true
		}
	}
	return p.Provider.FindStructFieldNames(name)
}

func (p provider) FindStructFieldType(name, field string) (*types.FieldType, bool) {
	for _, o := range objects {
		if o.typeName == name {
			ft, ok := o.byName[field]
			return ft, ok
		}
	}
	return p.Provider.FindStructFieldType(name, field)
}

// Function overload ids, also used to price calls in the cost tracker.
const (
	hasPhraseText = "has_phrase_string_string"
	hasPhraseList = "has_phrase_list_string"
	foldText      = "fold_string"
)

// newEnv builds the CEL environment rules are checked against. Parse
// builds one per policy that has rules and compiles every rule in it once;
// sharing none between policies keeps the package free of global state.
func newEnv() (*cel.Env, error) {
	opts := []cel.EnvOption{
		ext.Strings(),
		cel.ParserExpressionSizeLimit(MaxRuleWhenBytes),
		func(env *cel.Env) (*cel.Env, error) {
			return cel.CustomTypeProvider(provider{env.CELTypeProvider()})(env)
		},
		// has_phrase is bound late, to the invitation's evalCache, so that
		// each text is folded once per invitation and each literal phrase
		// once per policy, however many rules ask.
		cel.Function("has_phrase",
			cel.Overload(hasPhraseText, []*cel.Type{cel.StringType, cel.StringType}, cel.BoolType, cel.LateFunctionBinding()),
			cel.Overload(hasPhraseList, []*cel.Type{stringList, cel.StringType}, cel.BoolType, cel.LateFunctionBinding())),
		cel.Function("fold",
			cel.Overload(foldText, []*cel.Type{cel.StringType}, cel.StringType,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					s, ok := v.(types.String)
					if !ok {
						return types.NoSuchOverloadErr()
					}
					return types.String(fold.String(string(s)))
				}))),
	}
	for _, r := range roots {
		opts = append(opts, cel.Variable(r.name, r.obj.typ))
	}
	return cel.NewEnv(opts...)
}

// ResolveFunction gives the late-bound functions their invitation.
func (c *evalCache) ResolveFunction(name string) (functions.LateBoundOp, bool) {
	if name == "has_phrase" {
		return c.hasPhraseFn, true
	}
	return nil, false
}

// hasPhrase is has_phrase(text, phrase) and has_phrase(list, phrase).
func (c *evalCache) hasPhrase(overload string, args ...ref.Val) ref.Val {
	if len(args) != 2 {
		return types.NoSuchOverloadErr()
	}
	p, ok := args[1].(types.String)
	if !ok {
		return types.NoSuchOverloadErr()
	}
	want := c.fields(string(p))
	switch v := args[0].(type) {
	case types.String:
		if len(v)/10 > RuleCostLimit {
			// The tracker charges a call after it returns; folding text
			// that is sure to exceed the limit would take seconds first.
			return types.WrapErr(errCostLimit)
		}
		return types.Bool(containsPhrase(c.fields(string(v)), want))
	case traits.Lister:
		size, _ := v.Size().(types.Int)
		for i := types.Int(0); i < size; i++ {
			if s, ok := v.Get(i).(types.String); ok && containsPhrase(c.fields(string(s)), want) {
				return types.True
			}
		}
		return types.False
	}
	return types.NoSuchOverloadErr()
}

// maxCachedWords bounds the words one invitation keeps folded: past it,
// text is folded on every call (a rule building new text in a loop must
// not grow the cache without end).
const maxCachedWords = 4096

// fields returns the folded words of s: from the policy's phrases, from
// this invitation's cache, or folded now and cached.
func (c *evalCache) fields(s string) []string {
	if w, ok := c.phrases[s]; ok {
		return w
	}
	if w, ok := c.words[s]; ok {
		return w
	}
	w := fold.Fields(s)
	if c.words == nil {
		c.words = make(map[string][]string)
	}
	if len(c.words) < maxCachedWords {
		c.words[s] = w
	}
	return w
}

// containsPhrase reports whether the words of phrase occur in words as a
// run. A phrase that folds to nothing matches nothing.
func containsPhrase(words, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
next:
	for i := 0; i+len(phrase) <= len(words); i++ {
		for j, w := range phrase {
			if words[i+j] != w {
				continue next
			}
		}
		return true
	}
	return false
}

// accountAgeMonths counts whole calendar months from a YYYY-MM date to now;
// -1 when either is unknown. A date after now (a clock or typing mistake)
// counts as a new account, 0.
func accountAgeMonths(memberSince string, now time.Time) int {
	if now.IsZero() || len(memberSince) < 7 || memberSince[4] != '-' {
		return -1
	}
	year, err1 := strconv.Atoi(memberSince[:4])
	month, err2 := strconv.Atoi(memberSince[5:7])
	if err1 != nil || err2 != nil || month < 1 || month > 12 || year < 1900 {
		return -1
	}
	months := (now.Year()-year)*12 + int(now.Month()) - month
	return max(months, 0)
}

// docType names a field's type the way rules.md does.
func docType(t *types.Type) string {
	switch t.String() {
	case "string":
		return "string"
	case "int":
		return "int"
	case "bool":
		return "bool"
	case "list(string)":
		return "list of strings"
	}
	return t.String()
}
