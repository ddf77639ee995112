package pricing

import (
	"fmt"
	"strings"
)

// Channel is the way a send reaches friends. It decides how many bubbles
// (message objects) one send may carry.
type Channel int

const (
	// Manager is a broadcast from the LINE Official Account Manager: at most
	// 3 bubbles per send.
	Manager Channel = iota
	// API is a push, multicast or narrowcast through the Messaging API: at
	// most 5 bubbles per send.
	API
)

// BubbleLimit is the number of bubbles one send can carry on c.
func (c Channel) BubbleLimit() int64 {
	if c == API {
		return 5
	}
	return 3
}

// String returns "manager" or "api".
func (c Channel) String() string {
	if c == API {
		return "api"
	}
	return "manager"
}

// ParseChannel reads a channel name, case-insensitively after trimming:
// manager, oa, oa manager, 後台 for Manager; api, push, messaging api for API.
func ParseChannel(s string) (Channel, error) {
	switch s { // the spellings plans use, without allocating (a million rows)
	case "manager", "後台":
		return Manager, nil
	case "api":
		return API, nil
	}
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "manager", "oa", "oa manager", "後台":
		return Manager, nil
	case "api", "push", "messaging api":
		return API, nil
	}
	return Manager, fmt.Errorf("not a channel (want manager or api): %q", s)
}
