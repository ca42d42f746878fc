/** The web dashboard's static files, served at {@code /} beside the API. */
package io.perpetua.server.web;
