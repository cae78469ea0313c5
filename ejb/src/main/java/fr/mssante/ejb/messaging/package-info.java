/** JMS helpers shared by the message-driven beans of several parts of the data path (delivery, audit). */
package fr.mssante.ejb.messaging;
