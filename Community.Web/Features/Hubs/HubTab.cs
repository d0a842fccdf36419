namespace Community.Web.Features.Hubs;

public enum HubTab { Latest, Unanswered, Solved }
